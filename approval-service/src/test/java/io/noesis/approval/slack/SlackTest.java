package io.noesis.approval.slack;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noesis.approval.domain.SlackSignature;
import io.noesis.schemas.ApprovalAwaited;
import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.DecisionChannel;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeExpired;
import io.noesis.schemas.EpisodeRejected;
import io.noesis.schemas.EpisodeResumed;
import io.noesis.schemas.EvaluationSubject;
import io.noesis.schemas.SecurityEvent;
import io.noesis.schemas.SecurityEventKind;
import io.noesis.schemas.Topics;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TestTokens;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Rounds announced in Slack, decided with its buttons or elsewhere, and their messages rewritten with the
 * outcome once the episode log records it, against a fake Slack Web API on loopback.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
@WithTestResource(FakeSlack.class)
class SlackTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SlackSignature SLACK = new SlackSignature(FakeSlack.SIGNING_SECRET);

    @Test
    void aRoundAwaitingApprovalIsPostedWithApproveAndRejectButtons() throws Exception {
        String episodeId = "ep-" + UUID.randomUUID();
        publishAwaitingApproval(episodeId, Instant.now().plus(Duration.ofHours(1)));

        FakeSlack.Call post = awaitPost(episodeId);

        assertEquals("Bearer " + FakeSlack.BOT_TOKEN, post.authorization());
        assertEquals(FakeSlack.CHANNEL, post.form().get("channel"));
        assertEquals("Approval needed: restart the payments database", post.form().get("text"));
        JsonNode blocks = JSON.readTree(post.form().get("blocks"));
        assertEquals("header", blocks.get(0).get("type").asText());
        assertEquals("Approval needed: restart the payments database", blocks.get(0).get("text").get("text").asText());
        String described = blocks.toString();
        assertTrue(described.contains("*Requested by*\\nrita"), described);
        assertTrue(described.contains("production environment"), described);
        JsonNode buttons = blocks.get(blocks.size() - 1).get("elements");
        assertEquals("actions", blocks.get(blocks.size() - 1).get("type").asText());
        assertEquals(List.of("approve", "reject"), List.of(buttons.get(0).get("action_id").asText(),
                buttons.get(1).get("action_id").asText()));
        assertEquals(episodeId, buttons.get(0).get("value").asText());
        assertEquals(episodeId, buttons.get(1).get("value").asText());
    }

    @Test
    void aSignedRejectIsRecordedAsTheMappedApproverAndTheMessageShowsTheOutcome() throws Exception {
        String episodeId = "ep-" + UUID.randomUUID();
        publishAwaitingApproval(episodeId, Instant.now().plus(Duration.ofHours(1)));
        FakeSlack.Call post = awaitPost(episodeId);
        String body = interaction("U0SAM", "reject", episodeId);

        signed(body, Instant.now()).statusCode(200).body("decision_id", equalTo("slack-U0SAM-1700000100.000200"));

        EpisodeCommand reject = awaitCommand(episodeId);
        assertEquals(CommandType.REJECT, reject.getType());
        assertEquals(List.of("sam"), reject.getApprovers());
        ApprovalDecision decision = TopicClient.await(Topics.APPROVAL_DECISIONS,
                record -> episodeId.equals(record.key()), WAIT).value();
        assertEquals(DecisionChannel.SLACK, decision.getChannel());
        assertEquals(List.of("sre", "dba"), decision.getApproverGroups());
        recordInTheEpisodeLog(reject);
        assertSettled(post, "Rejected by sam: rejected with the Slack button",
                "Rejected: restart the payments database");
    }

    @Test
    void anApprovalThroughTheApiRewritesTheMessageWithoutButtons() throws Exception {
        String episodeId = "ep-" + UUID.randomUUID();
        publishAwaitingApproval(episodeId, Instant.now().plus(Duration.ofHours(1)));
        FakeSlack.Call post = awaitPost(episodeId);

        given().auth().oauth2(TestTokens.mint("bob", Set.of("approver"), Set.of("sre")))
                .contentType("application/json").body("{\"reason\": \"change ticket 42\"}")
                .post("/approvals/" + episodeId + "/approve").then().statusCode(200);

        EpisodeCommand resume = awaitCommand(episodeId);
        assertEquals(CommandType.RESUME, resume.getType());
        recordInTheEpisodeLog(resume);
        assertSettled(post, "Approved by bob: change ticket 42", "Approved: restart the payments database");
    }

    @Test
    void aRoundNobodyDecidesInTimeRewritesTheMessageAsExpired() throws Exception {
        String episodeId = "ep-" + UUID.randomUUID();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(6)).truncatedTo(ChronoUnit.MILLIS);
        publishAwaitingApproval(episodeId, deadline);
        FakeSlack.Call post = awaitPost(episodeId);

        EpisodeCommand expire = awaitCommand(episodeId);
        assertEquals(CommandType.EXPIRE, expire.getType());
        recordInTheEpisodeLog(expire, deadline);
        assertSettled(post, "Expired: nobody decided by " + deadline, "Expired: restart the payments database");
    }

    @Test
    void forgedStaleAndUnsignedInteractionsAreUnauthorized() {
        String body = interaction("U0SAM", "approve", "ep-" + UUID.randomUUID());
        String now = Long.toString(Instant.now().getEpochSecond());
        String forged = new SlackSignature("not-the-secret").sign(now, body);

        post(body, now, forged).statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        post(body.replace("approve", "reject"), now, SLACK.sign(now, body)).statusCode(401);
        signed(body, Instant.now().minus(Duration.ofMinutes(6))).statusCode(401);
        given().contentType("application/x-www-form-urlencoded").body(body).post("/slack/interactions").then()
                .statusCode(401);
    }

    @Test
    void eachRefusedInteractionIsOneSecurityEventWithWhatItClaimedAndNoSecret() {
        String forgedEpisode = "ep-forged-" + UUID.randomUUID();
        String staleEpisode = "ep-stale-" + UUID.randomUUID();
        String unsignedEpisode = "ep-unsigned-" + UUID.randomUUID();
        String now = Long.toString(Instant.now().getEpochSecond());
        String forgedBody = interaction("U0SAM", "approve", forgedEpisode);
        String forgedSignature = new SlackSignature("not-the-secret").sign(now, forgedBody);
        String staleBody = interaction("U0SAM", "approve", staleEpisode);
        String staleAt = Long.toString(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
        String staleSignature = SLACK.sign(staleAt, staleBody);
        String unsignedBody = interaction("U0SAM", "reject", unsignedEpisode);

        post(forgedBody, now, forgedSignature).statusCode(401);
        post(staleBody, staleAt, staleSignature).statusCode(401);
        given().contentType("application/x-www-form-urlencoded").body(unsignedBody).post("/slack/interactions").then()
                .statusCode(401);

        Set<String> claimed = Set.of(forgedEpisode, staleEpisode, unsignedEpisode);
        List<SecurityEvent> events = TopicClient.readAll(Topics.SECURITY_EVENTS, Duration.ofSeconds(2)).stream()
                .filter(record -> record.key() != null && claimed.contains(record.key()))
                .map(ConsumerRecord::value).toList();
        assertEquals(3, events.size(), events.toString());
        assertEquals(SecurityEventKind.SLACK_SIGNATURE_FORGED, only(events, forgedEpisode).getKind());
        assertEquals(SecurityEventKind.SLACK_SIGNATURE_STALE, only(events, staleEpisode).getKind());
        assertEquals(SecurityEventKind.SLACK_SIGNATURE_MISSING, only(events, unsignedEpisode).getKind());
        for (SecurityEvent event : events) {
            assertEquals("SLACK", event.getChannel());
            assertEquals("U0SAM", event.getClaimedUserId());
            assertEquals("T0FAKE", event.getClaimedTeamId());
            assertNotNull(event.getRemoteAddress(), "the address the request came from");
            String written = event.toString();
            for (String secret : List.of(FakeSlack.SIGNING_SECRET, FakeSlack.BOT_TOKEN, forgedSignature, staleSignature,
                    "block_actions")) {
                assertFalse(written.contains(secret), "the event holds " + secret + ": " + written);
            }
        }
        assertTrue(only(events, unsignedEpisode).getDetail().contains("X-Slack-Signature"),
                only(events, unsignedEpisode).getDetail());
    }

    @Test
    void aRefusedInteractionThatNamesNoEpisodeIsKeyedByItsEventId() {
        String marker = "not an episode id " + UUID.randomUUID();

        post(interaction("U0" + "X".repeat(500), "approve", marker), "1", "v0=00").statusCode(401);

        ConsumerRecord<String, SecurityEvent> refused = TopicClient.await(Topics.SECURITY_EVENTS,
                record -> record.value().getClaimedUserId() != null
                        && record.value().getClaimedUserId().startsWith("U0XXX"), WAIT);
        assertEquals(refused.value().getEventId(), refused.key());
        assertNull(refused.value().getClaimedEpisodeId());
        assertTrue(refused.value().getClaimedUserId().length() <= 65, refused.value().getClaimedUserId());
        assertFalse(refused.value().toString().contains(marker));
    }

    @Test
    void aSlackUserWithoutAnApproverIdentityIsForbidden() {
        signed(interaction("U0NOBODY", "approve", "ep-" + UUID.randomUUID()), Instant.now())
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void aSignedPayloadThatIsNotAnInteractionIsABadRequest() {
        signed("payload=" + URLEncoder.encode("{\"type\": \"block_actions\"}", StandardCharsets.UTF_8), Instant.now())
                .statusCode(400)
                .body("field", equalTo("payload"));
    }

    private static SecurityEvent only(List<SecurityEvent> events, String episodeId) {
        List<SecurityEvent> claiming = events.stream().filter(event -> episodeId.equals(event.getClaimedEpisodeId())).toList();
        assertEquals(1, claiming.size(), "events claiming " + episodeId + ": " + claiming);
        return claiming.get(0);
    }

    private static ValidatableResponse signed(String body, Instant at) {
        String timestamp = Long.toString(at.getEpochSecond());
        return post(body, timestamp, SLACK.sign(timestamp, body));
    }

    private static ValidatableResponse post(String body, String timestamp, String signature) {
        return given().contentType("application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signature)
                .body(body)
                .post("/slack/interactions").then();
    }

    /** A block_actions payload as Slack sends it, trimmed to the fields the service reads and a few more. */
    private static String interaction(String slackUser, String actionId, String episodeId) {
        String payload = """
                {"type": "block_actions", "user": {"id": "%s", "username": "someone"}, "team": {"id": "T0FAKE"},
                 "channel": {"id": "%s"}, "message": {"ts": "%s"},
                 "actions": [{"action_id": "%s", "block_id": "decision", "value": "%s", "type": "button",
                              "action_ts": "1700000100.000200"}]}
                """.formatted(slackUser, FakeSlack.POSTED_CHANNEL_ID, FakeSlack.POSTED_TS, actionId, episodeId);
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    private static FakeSlack.Call awaitPost(String episodeId) throws InterruptedException {
        return FakeSlack.awaitCall(call -> call.method().equals("chat.postMessage")
                && call.form().getOrDefault("blocks", "").contains(episodeId), WAIT);
    }

    private static EpisodeCommand awaitCommand(String episodeId) {
        return TopicClient.await(Topics.EPISODE_COMMANDS, record -> episodeId.equals(record.key()), WAIT).value();
    }

    /** The posted message, rewritten in place: the same channel and ts, the outcome instead of the buttons. */
    private static void assertSettled(FakeSlack.Call post, String outcome, String header) throws Exception {
        FakeSlack.Call update = FakeSlack.awaitCall(call -> call.method().equals("chat.update")
                && post.answeredTs().equals(call.form().get("ts")), WAIT);
        assertEquals("Bearer " + FakeSlack.BOT_TOKEN, update.authorization());
        assertEquals(FakeSlack.POSTED_CHANNEL_ID, update.form().get("channel"));
        assertEquals(outcome, update.form().get("text"));
        JsonNode blocks = JSON.readTree(update.form().get("blocks"));
        assertEquals(header, blocks.get(0).get("text").get("text").asText());
        assertTrue(blocks.toString().contains("*Requested by*\\nrita"), blocks.toString());
        blocks.forEach(block -> assertNotEquals("actions", block.get("type").asText(), "the buttons are still there"));
        JsonNode last = blocks.get(blocks.size() - 1);
        assertEquals("outcome", last.get("block_id").asText());
        assertEquals("*" + outcome + "*", last.get("text").get("text").asText());
    }

    /** What episode-service appends when it applies the command: the event the Slack message follows. */
    private static void recordInTheEpisodeLog(EpisodeCommand command) {
        recordInTheEpisodeLog(command, null);
    }

    private static void recordInTheEpisodeLog(EpisodeCommand command, Instant deadline) {
        String episodeId = command.getEpisodeId();
        switch (command.getType()) {
            case RESUME -> appendEvent(episodeId, 5, EpisodeEventType.RESUMED, new EpisodeResumed(command.getCommandId(),
                    command.getApprovers(), command.getDecisionIds(), command.getReason()));
            case REJECT -> appendEvent(episodeId, 5, EpisodeEventType.REJECTED, new EpisodeRejected(
                    command.getCommandId(), command.getApprovers(), command.getDecisionIds(), command.getReason()));
            case EXPIRE -> appendEvent(episodeId, 5, EpisodeEventType.EXPIRED,
                    new EpisodeExpired(command.getCommandId(), deadline));
            default -> throw new AssertionError("approval-service does not send " + command.getType());
        }
    }

    private static void appendEvent(String episodeId, long sequence, EpisodeEventType type, Object payload) {
        TopicClient.send(Topics.EPISODE_EVENTS, episodeId, EpisodeEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setEpisodeId(episodeId)
                .setSequence(sequence)
                .setType(type)
                .setTime(Instant.now())
                .setSource("test")
                .setPayload(payload)
                .build());
    }

    private static void publishAwaitingApproval(String episodeId, Instant deadline) {
        appendEvent(episodeId, 4, EpisodeEventType.AWAITING_APPROVAL, ApprovalAwaited.newBuilder()
                .setEvaluationId("eval-" + episodeId)
                .setSubject(EvaluationSubject.REQUEST)
                .setTask("restart the payments database")
                .setRequestedBy("rita")
                .setRiskScore(0.8)
                .setRequiredApprovals(1)
                .setApproverGroup("sre")
                .setDeadline(deadline)
                .setReasons(List.of("production environment"))
                .build());
        await().atMost(WAIT).untilAsserted(() -> given()
                .auth().oauth2(TestTokens.mint("watcher", Set.of("auditor"), Set.of()))
                .get("/approvals/" + episodeId).then().statusCode(200));
    }
}
