package io.noesis.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeRequested;
import io.noesis.schemas.PolicyEvaluation;
import io.noesis.schemas.Topics;
import io.noesis.testing.BadRecords;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The one topic policy-service reads, the episode log, fed every kind of unreadable record and then a
 * good one on the same partition: each unreadable record is dead-lettered and counted, the good one is
 * evaluated. Odd but readable requests (unicode, 900 KB of text) are evaluated, not dead-lettered.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class BadRecordsTest {

    private static final String CONSUMER = "noesis-policy-service";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URI root;

    @Test
    void unreadableEpisodeEventsAreDeadLetteredAndTheNextIsEvaluated() {
        String good = newId();
        BadRecords.Batch bad = BadRecords.sendBeforeGood(root, Topics.EPISODE_EVENTS, good,
                requested(newId(), "a request without a key"), requested(good, BadRecords.ODD_TEXT + " drop the table"));

        bad.assertDeadLetteredBy(CONSUMER);
        PolicyEvaluation evaluation = awaitEvaluation(good);
        assertTrue(evaluation.getRequiresApproval());
        assertEquals("high-risk keyword(s) in the task: drop",
                evaluation.getInterventions().get(0).getPatch().getRiskReason());
    }

    @Test
    void oddButReadableRequestsAreEvaluated() {
        String loneSurrogate = newId();
        String oversized = newId();

        TopicClient.send(Topics.EPISODE_EVENTS, loneSurrogate, requested(loneSurrogate,
                BadRecords.LONE_SURROGATE_TEXT + " deploy"));
        TopicClient.send(Topics.EPISODE_EVENTS, oversized, requested(oversized,
                BadRecords.oversizedText(BadRecords.OVERSIZED_TEXT_BYTES)));

        assertTrue(awaitEvaluation(loneSurrogate).getRequiresApproval());
        assertFalse(awaitEvaluation(oversized).getRequiresApproval());
    }

    private static PolicyEvaluation awaitEvaluation(String episodeId) {
        return TopicClient.await(Topics.POLICY_EVALUATIONS, record -> episodeId.equals(record.key()), TIMEOUT).value();
    }

    private static EpisodeEvent requested(String episodeId, String task) {
        return EpisodeEvent.newBuilder()
                .setEventId(episodeId + "-1").setEpisodeId(episodeId).setSequence(1)
                .setType(EpisodeEventType.REQUESTED).setTime(Instant.now()).setSource("request")
                .setPayload(EpisodeRequested.newBuilder().setTask(task).setRequestedBy("rita").build())
                .build();
    }

    private static String newId() {
        return "bad-records-" + UUID.randomUUID();
    }
}
