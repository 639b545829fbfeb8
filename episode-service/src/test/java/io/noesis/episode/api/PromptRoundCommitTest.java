package io.noesis.episode.api;

import static io.noesis.episode.EpisodeFixtures.riskyEvaluation;
import static io.noesis.episode.api.EpisodeApi.awaitStatus;
import static io.noesis.episode.api.EpisodeApi.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.Topics;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.OneMinuteCommitInterval;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What may be a round on its way to the approvers' queue is committed at once, not at the next commit
 * interval: a new episode's REQUESTED event, which the policies evaluate, and its AWAITING_APPROVAL event. With
 * an interval of a minute each is readable (read_committed) within seconds.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
@TestProfile(OneMinuteCommitInterval.class)
class PromptRoundCommitTest {

    @Test
    void aNewRequestIsReadableByThePoliciesLongBeforeTheCommitInterval() {
        String episodeId = post(Map.of("task", "drop the orders table"));

        EpisodeEvent requested = TopicClient.await(Topics.EPISODE_EVENTS, record -> episodeId.equals(record.key())
                && record.value().getType() == EpisodeEventType.REQUESTED, OneMinuteCommitInterval.WELL_WITHIN).value();
        assertThat(requested.getEpisodeId()).isEqualTo(episodeId);
    }

    @Test
    void theRoundIsReadableLongBeforeTheCommitInterval() {
        String episodeId = post(Map.of("task", "drop the orders table"));
        awaitStatus(episodeId, "EVALUATING");

        TopicClient.send(Topics.POLICY_EVALUATIONS, episodeId, riskyEvaluation(episodeId));

        EpisodeEvent awaited = TopicClient.await(Topics.EPISODE_EVENTS, record -> episodeId.equals(record.key())
                && record.value().getType() == EpisodeEventType.AWAITING_APPROVAL, OneMinuteCommitInterval.WELL_WITHIN).value();
        assertThat(awaited.getEpisodeId()).isEqualTo(episodeId);
    }
}
