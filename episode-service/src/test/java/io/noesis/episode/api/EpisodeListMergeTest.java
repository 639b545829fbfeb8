package io.noesis.episode.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpisodeListMergeTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void merges_the_pages_of_every_instance_newest_first_and_cuts_at_the_limit() {
        EpisodeList first = new EpisodeList(List.of(episode("e5", 5), episode("e2", 2)), null);
        EpisodeList second = new EpisodeList(List.of(episode("e4", 4), episode("e3", 3), episode("e1", 1)), null);

        EpisodeList merged = EpisodeList.merge(List.of(first, second), 3);

        assertThat(merged.episodes()).extracting(EpisodeSummary::episodeId).containsExactly("e5", "e4", "e3");
        assertThat(QueryParameters.continueAfter(merged.nextCursor())).endsWith("/e3");
    }

    @Test
    void the_last_page_has_no_cursor() {
        EpisodeList first = new EpisodeList(List.of(episode("e2", 2)), null);
        EpisodeList second = new EpisodeList(List.of(episode("e1", 1)), null);

        EpisodeList merged = EpisodeList.merge(List.of(first, second), 3);

        assertThat(merged.episodes()).extracting(EpisodeSummary::episodeId).containsExactly("e2", "e1");
        assertThat(merged.nextCursor()).isNull();
    }

    @Test
    void another_page_follows_when_an_instance_has_more_even_if_the_merge_fits() {
        EpisodeList first = new EpisodeList(List.of(episode("e2", 2)), QueryParameters.cursor("x"));
        EpisodeList second = new EpisodeList(List.of(episode("e1", 1)), null);

        EpisodeList merged = EpisodeList.merge(List.of(first, second), 3);

        assertThat(QueryParameters.continueAfter(merged.nextCursor())).endsWith("/e1");
    }

    private static EpisodeSummary episode(String id, int minutes) {
        Instant created = T0.plusSeconds(60L * minutes);
        return new EpisodeSummary(id, "task " + id, "RUNNING", Map.of(), null, "alice", null, null, null, List.of(), null,
                List.of(), created, created);
    }
}
