package io.noesis.approval;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.schemas.ApprovalAwaited;
import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.DecisionChannel;
import io.noesis.schemas.DecisionKind;
import io.noesis.schemas.DecisionOutcome;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EvaluationSubject;
import io.noesis.schemas.Topics;
import io.noesis.testing.BadRecords;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TestTokens;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Both topics approval-service's topology reads, fed every kind of unreadable record and then a good one
 * on the same partition: each unreadable record is dead-lettered and counted, the good one is applied.
 * Odd but readable rounds (unicode, 900 KB of text) are queued, not dead-lettered.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class BadRecordsTest {

    private static final String CONSUMER = "noesis-approval-service";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URI root;

    @Test
    void unreadableEpisodeEventsAreDeadLetteredAndTheNextRoundIsQueued() {
        String good = newId();
        BadRecords.Batch bad = BadRecords.sendBeforeGood(root, Topics.EPISODE_EVENTS, good,
                awaitingApproval(newId(), "a round without a key"), awaitingApproval(good, BadRecords.ODD_TEXT));

        bad.assertDeadLetteredBy(CONSUMER);
        assertEquals(BadRecords.ODD_TEXT, awaitQueuedTask(good));
    }

    @Test
    void unreadableDecisionsAreDeadLetteredAndTheNextIsJudged() {
        String good = newId();
        TopicClient.send(Topics.EPISODE_EVENTS, good, awaitingApproval(good, "drop the users table"));
        awaitQueuedTask(good);
        ApprovalDecision approval = decision(good, BadRecords.ODD_TEXT);

        BadRecords.Batch bad = BadRecords.sendBeforeGood(root, Topics.APPROVAL_DECISIONS, good,
                decision(newId(), "a decision without a key"), approval);

        bad.assertDeadLetteredBy(CONSUMER);
        DecisionOutcome outcome = TopicClient.await(Topics.APPROVAL_OUTCOMES,
                record -> good.equals(record.key()) && approval.getDecisionId().equals(record.value().getDecisionId()),
                TIMEOUT).value();
        assertTrue(outcome.getAccepted(), outcome.toString());
    }

    @Test
    void oddButReadableRoundsAreQueued() {
        String loneSurrogate = newId();
        String oversized = newId();
        String hugeTask = BadRecords.oversizedText(BadRecords.OVERSIZED_TEXT_BYTES);

        TopicClient.send(Topics.EPISODE_EVENTS, loneSurrogate, awaitingApproval(loneSurrogate, BadRecords.LONE_SURROGATE_TEXT));
        TopicClient.send(Topics.EPISODE_EVENTS, oversized, awaitingApproval(oversized, hugeTask));

        assertEquals(BadRecords.asUtf8Carries(BadRecords.LONE_SURROGATE_TEXT), awaitQueuedTask(loneSurrogate));
        assertEquals(hugeTask, awaitQueuedTask(oversized));
    }

    private static String awaitQueuedTask(String episodeId) {
        String token = TestTokens.mint("ada", Set.of("approver"), Set.of());
        await().atMost(TIMEOUT).untilAsserted(() -> given().auth().oauth2(token).get("/approvals/" + episodeId)
                .then().statusCode(200).body("episode_id", equalTo(episodeId)));
        return given().auth().oauth2(token).get("/approvals/" + episodeId).jsonPath().getString("task");
    }

    private static EpisodeEvent awaitingApproval(String episodeId, String task) {
        return EpisodeEvent.newBuilder()
                .setEventId(episodeId + "-3").setEpisodeId(episodeId).setSequence(3)
                .setType(EpisodeEventType.AWAITING_APPROVAL).setTime(Instant.now()).setSource("test")
                .setPayload(ApprovalAwaited.newBuilder()
                        .setEvaluationId("eval-" + episodeId).setSubject(EvaluationSubject.REQUEST).setTask(task)
                        .setRequestedBy("rita").setRiskScore(0.9).setRequiredApprovals(1)
                        .setReasons(List.of("destructive statement")).build())
                .build();
    }

    private static ApprovalDecision decision(String episodeId, String reason) {
        return ApprovalDecision.newBuilder()
                .setDecisionId("decision-" + episodeId).setEpisodeId(episodeId).setOutcome(DecisionKind.APPROVE)
                .setApprover("ada").setReason(reason).setChannel(DecisionChannel.API).setDecidedAt(Instant.now())
                .build();
    }

    private static String newId() {
        return "bad-records-" + UUID.randomUUID();
    }
}
