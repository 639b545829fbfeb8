package io.noesis.approval;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.noesis.schemas.ApprovalAwaited;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EvaluationSubject;
import io.noesis.schemas.Topics;
import io.noesis.testing.TestTokens;
import io.noesis.testing.TopicClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Rounds awaiting approval, opened through the episode log as episode-service opens them. */
public final class AwaitingRounds {

    public static final Duration KAFKA_WAIT = Duration.ofSeconds(30);

    private AwaitingRounds() {
    }

    /**
     * Publishes the AWAITING_APPROVAL event of a one-approval round for the group (null: any approver) and waits
     * until the service lists it.
     */
    public static void open(String episodeId, String group, Instant deadline) {
        open(episodeId, "requester", group, deadline, 1);
    }

    /** Publishes the AWAITING_APPROVAL event of the round, as the requester asked it, and waits until the service lists it. */
    public static void open(String episodeId, String requestedBy, String group, Instant deadline, int required) {
        publish(episodeId, requestedBy, group, deadline, required);
        await().atMost(KAFKA_WAIT).untilAsserted(() -> given().auth()
                .oauth2(TestTokens.mint("anyone", Set.of("approver"), Set.of()))
                .get("/approvals/" + episodeId).then().statusCode(200));
    }

    /** Publishes the AWAITING_APPROVAL event of a one-approval round for the group (null: any approver). */
    public static void publish(String episodeId, String group, Instant deadline) {
        publish(episodeId, "requester", group, deadline, 1);
    }

    private static void publish(String episodeId, String requestedBy, String group, Instant deadline, int required) {
        ApprovalAwaited awaited = ApprovalAwaited.newBuilder()
                .setEvaluationId("eval-" + episodeId)
                .setSubject(EvaluationSubject.REQUEST)
                .setTask("restart the payments database")
                .setRequestedBy(requestedBy)
                .setRiskScore(0.8)
                .setRequiredApprovals(required)
                .setApproverGroup(group)
                .setDeadline(deadline)
                .setReasons(List.of("production"))
                .build();
        TopicClient.send(Topics.EPISODE_EVENTS, episodeId, EpisodeEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setEpisodeId(episodeId)
                .setSequence(3)
                .setType(EpisodeEventType.AWAITING_APPROVAL)
                .setTime(Instant.now())
                .setSource("test")
                .setPayload(awaited)
                .build());
    }
}
