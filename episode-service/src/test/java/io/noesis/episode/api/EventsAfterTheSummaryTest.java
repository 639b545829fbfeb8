package io.noesis.episode.api;

import static io.noesis.episode.EpisodeFixtures.safeEvaluation;
import static io.noesis.episode.api.EpisodeApi.awaitStatus;
import static io.noesis.episode.api.EpisodeApi.events;
import static io.noesis.episode.api.EpisodeApi.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.noesis.schemas.Topics;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An episode's summary is episode-service's own store, which knows an event as soon as the processor appends
 * it; its events are an index of noesis.episode.events, which holds an event once its transaction has
 * committed. With a commit every five seconds the summary shows a transition seconds before its event is
 * indexed, and the events query still answers with every event the summary counts.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
@TestProfile(EventsAfterTheSummaryTest.FiveSecondCommits.class)
class EventsAfterTheSummaryTest {

    public static class FiveSecondCommits implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka-streams.commit.interval.ms", "5000", "noesis.queries.ready-timeout", "PT30S");
        }
    }

    @Test
    void theEventsHoldTheTransitionTheSummaryShows() {
        String episodeId = post(Map.of("task", "restart the web tier"));
        awaitStatus(episodeId, "EVALUATING");

        TopicClient.send(Topics.POLICY_EVALUATIONS, episodeId, safeEvaluation(episodeId));
        awaitStatus(episodeId, "RUNNING");

        assertThat(events(episodeId).getList("events.type", String.class)).endsWith("STARTED");
    }
}
