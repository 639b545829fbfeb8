package io.noesis.policy.streams;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeRequested;
import io.noesis.schemas.PolicyEvaluation;
import io.noesis.schemas.Topics;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.OneMinuteCommitInterval;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An evaluation that asks for a person is committed at once, not at the next commit interval: with an interval
 * of a minute it is still readable (read_committed) within seconds, on its way to the approvers.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
@TestProfile(OneMinuteCommitInterval.class)
class PromptEvaluationCommitTest {

    @Test
    void anEvaluationThatAsksForApprovalIsReadableLongBeforeTheCommitInterval() {
        String episodeId = "ep-" + UUID.randomUUID();
        TopicClient.send(Topics.EPISODE_EVENTS, episodeId, EpisodeEvent.newBuilder()
                .setEventId("evt-" + episodeId).setEpisodeId(episodeId).setSequence(1)
                .setType(EpisodeEventType.REQUESTED).setTime(Instant.now()).setSource("request " + episodeId)
                .setPayload(EpisodeRequested.newBuilder().setTask("drop the orders table")
                        .setTags(Map.of("env", "production")).setRequestedBy("rita").build())
                .build());

        PolicyEvaluation evaluation = TopicClient.await(Topics.POLICY_EVALUATIONS,
                candidate -> episodeId.equals(candidate.key()), OneMinuteCommitInterval.WELL_WITHIN).value();
        assertTrue(evaluation.getRequiresApproval());
    }
}
