package io.noesis.episode.domain;

import static io.noesis.episode.EpisodeFixtures.T0;
import static io.noesis.episode.EpisodeFixtures.stateIn;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EpisodeFilterTest {

    private final EpisodeState running = stateIn("ep-1", EpisodeStatus.RUNNING);

    @Test
    void noCriterionMatchesEveryEpisode() {
        assertThat(EpisodeFilter.ALL.matches(running)).isTrue();
        assertThat(EpisodeFilter.ALL.isTooOld(running)).isFalse();
    }

    @Test
    void matchesOnStatusTagAndParent() {
        assertThat(new EpisodeFilter(EpisodeStatus.RUNNING, null, null, null, null, null).matches(running)).isTrue();
        assertThat(new EpisodeFilter(EpisodeStatus.COMPLETED, null, null, null, null, null).matches(running)).isFalse();
        assertThat(new EpisodeFilter(null, "team", "sre", null, null, null).matches(running)).isTrue();
        assertThat(new EpisodeFilter(null, "team", "web", null, null, null).matches(running)).isFalse();
        assertThat(new EpisodeFilter(null, "owner", "sre", null, null, null).matches(running)).isFalse();
        assertThat(new EpisodeFilter(null, null, null, "ep-0", null, null).matches(running)).isFalse();
    }

    @Test
    void theTimeWindowExcludesItsBounds() {
        assertThat(new EpisodeFilter(null, null, null, null, T0.minusMillis(1), T0.plusMillis(1)).matches(running)).isTrue();
        EpisodeFilter afterCreation = new EpisodeFilter(null, null, null, null, T0, null);
        assertThat(afterCreation.matches(running)).isFalse();
        assertThat(afterCreation.isTooOld(running)).isTrue();
        assertThat(new EpisodeFilter(null, null, null, null, null, T0).matches(running)).isFalse();
    }
}
