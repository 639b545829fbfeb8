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
 * An episode that comes to await approval is committed at once, not at the next commit interval: with an
 * interval of a minute its AWAITING_APPROVAL event is still readable (read_committed) within seconds, on its
 * way to the approvers' queue.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
@TestProfile(OneMinuteCommitInterval.class)
class PromptApprovalCommitTest {

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
