package io.noesis.audit.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.audit.domain.AuditChain;
import io.noesis.audit.domain.ChainVerification;
import io.noesis.audit.streams.AuditRecords;
import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.AuditRecord;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.DecisionChannel;
import io.noesis.schemas.DecisionKind;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeRequest;
import io.noesis.schemas.EpisodeRequested;
import io.noesis.schemas.EpisodeResumed;
import io.noesis.schemas.SecurityEvent;
import io.noesis.schemas.SecurityEventKind;
import io.noesis.schemas.Topics;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TestTokens;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class AuditServiceTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static String token(String role) {
        return TestTokens.mint("audrey", Set.of(role), Set.of());
    }

    @Test
    void anEpisodesTimelineTellsWhoDidWhatAndTheLogVerifies() {
        String episodeId = "ep-" + UUID.randomUUID();
        TopicClient.send(Topics.EPISODE_REQUESTS, episodeId, EpisodeRequest.newBuilder().setEpisodeId(episodeId)
                .setTask("deploy the billing service").setRequestedBy("alice").build());
        TopicClient.send(Topics.EPISODE_EVENTS, episodeId, event(episodeId, 1, EpisodeEventType.REQUESTED,
                EpisodeRequested.newBuilder().setTask("deploy the billing service").setRequestedBy("alice").build()));
        TopicClient.send(Topics.APPROVAL_DECISIONS, episodeId, ApprovalDecision.newBuilder()
                .setDecisionId("d-" + episodeId).setEpisodeId(episodeId).setOutcome(DecisionKind.APPROVE)
                .setApprover("bob").setApproverGroups(List.of("sre")).setReason("looks fine")
                .setChannel(DecisionChannel.API).setDecidedAt(T0).build());
        TopicClient.send(Topics.EPISODE_COMMANDS, episodeId, EpisodeCommand.newBuilder()
                .setCommandId("cmd-" + episodeId).setEpisodeId(episodeId).setType(CommandType.RESUME)
                .setIssuedAt(T0).setIssuedBy("approval-service").setApprovers(List.of("bob")).build());
        TopicClient.send(Topics.EPISODE_EVENTS, episodeId, event(episodeId, 2, EpisodeEventType.RESUMED,
                new EpisodeResumed("cmd-" + episodeId, List.of("bob"), List.of("d-" + episodeId), null)));

        JsonPath timeline = awaitTimeline(episodeId, 5);

        assertEquals(episodeId, timeline.getString("episode_id"));
        given().auth().oauth2(token("admin")).when().get("/audit/episodes/{id}", episodeId)
                .then().statusCode(200).body("episode_id", equalTo(episodeId));
        assertEquals(Set.of("alice", "episode-service", "bob", "approval-service"),
                Set.copyOf(timeline.getList("records.actor", String.class)));
        assertEquals(Set.of("REQUESTED", "APPROVE", "RESUME", "RESUMED"),
                Set.copyOf(timeline.getList("records.action", String.class)));
        List<Long> positions = timeline.getList("records.position", Long.class);
        assertEquals(positions.stream().sorted().toList(), positions, "in chain order");
        assertEquals(64, timeline.getString("records[0].hash").length());
        assertTrue(timeline.getString("records[0].time") != null && timeline.getString("records[0].recorded_at") != null);
        assertTrue(timeline.getList("records.source_topic", String.class).contains(Topics.APPROVAL_DECISIONS.name()));

        List<ConsumerRecord<String, AuditRecord>> log = TopicClient.readAll(Topics.AUDIT_LOG, Duration.ofSeconds(2));
        ChainVerification verification = AuditChain.verify(log.stream()
                .map(record -> AuditRecords.toLink(record.value())).toList());
        assertTrue(verification.intact(), verification::toString);
        assertEquals(log.size(), verification.checked());
        assertTrue(log.stream().filter(record -> episodeId.equals(record.key())).count() >= 5);
    }

    @Test
    void aRefusedRequestIsChainedAndInTheTimelineOfTheEpisodeItClaimed() {
        String episodeId = "ep-" + UUID.randomUUID();
        String unclaimed = "security-event-" + UUID.randomUUID();
        TopicClient.send(Topics.EPISODE_REQUESTS, episodeId, EpisodeRequest.newBuilder().setEpisodeId(episodeId)
                .setTask("drop the orders table").setRequestedBy("alice").build());
        TopicClient.send(Topics.SECURITY_EVENTS, episodeId, securityEvent("security-event-" + episodeId)
                .setClaimedEpisodeId(episodeId).setClaimedUserId("U0MALLORY").setClaimedTeamId("T0FAKE").build());
        TopicClient.send(Topics.SECURITY_EVENTS, unclaimed, securityEvent(unclaimed).build());

        JsonPath timeline = awaitTimeline(episodeId, 2);
        JsonPath alone = awaitTimeline(unclaimed, 1);

        int refused = timeline.getList("records.source_topic", String.class).indexOf(Topics.SECURITY_EVENTS.name());
        assertEquals("unverified caller", timeline.getString("records[" + refused + "].actor"));
        assertEquals("SLACK_SIGNATURE_FORGED", timeline.getString("records[" + refused + "].action"));
        assertEquals("refused a SLACK request from \"10.1.2.3\": \"the signature does not match\"; unverified, it claimed"
                + " user \"U0MALLORY\", team \"T0FAKE\", episode \"" + episodeId + "\" (security event security-event-"
                + episodeId + ")", timeline.getString("records[" + refused + "].summary"));
        assertEquals(Set.of("alice", "unverified caller"), Set.copyOf(timeline.getList("records.actor", String.class)));
        assertTrue(alone.getString("records[0].summary").endsWith("; it claimed nothing (security event " + unclaimed + ")"),
                alone.getString("records[0].summary"));
        List<ConsumerRecord<String, AuditRecord>> log = TopicClient.readAll(Topics.AUDIT_LOG, Duration.ofSeconds(2));
        ChainVerification verification = AuditChain.verify(log.stream()
                .map(record -> AuditRecords.toLink(record.value())).toList());
        assertTrue(verification.intact(), verification::toString);
        assertEquals(2, log.stream().filter(record -> record.value().getSourceTopic().equals(Topics.SECURITY_EVENTS.name())
                && record.key() != null && Set.of(episodeId, unclaimed).contains(record.key())).count());
    }

    @Test
    void anUnknownEpisodeIsNotFound() {
        awaitAnswer("never-heard-of-it", answer -> answer.statusCode() != 503)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", equalTo("urn:noesis:problem:unknown-episode"))
                .body("title", equalTo("Not Found"));
    }

    @Test
    void anUnknownPathIsAProblemToo() {
        given().auth().oauth2(token("auditor")).when().get("/audit/nothing/here")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token("auditor")).when().delete("/audit/episodes/any")
                .then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void onlyAuditorsAndAdminsMayRead() {
        given().when().get("/audit/episodes/any").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("garbage").when().get("/audit/episodes/any").then().statusCode(401);
        given().auth().oauth2(token("approver")).when().get("/audit/episodes/any")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(token("requester")).when().get("/audit/episodes/any").then().statusCode(403);
    }

    @Test
    void healthNeedsNoToken() {
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    private static JsonPath awaitTimeline(String episodeId, int records) {
        return awaitAnswer(episodeId, answer -> answer.statusCode() == 200
                && answer.jsonPath().getList("records").size() >= records).jsonPath();
    }

    /** The trail fills asynchronously (and answers 503 until the topology runs): ask until the answer fits. */
    private static Response awaitAnswer(String episodeId, Predicate<Response> fits) {
        Instant deadline = Instant.now().plusSeconds(60);
        Response answer;
        do {
            answer = given().auth().oauth2(token("auditor")).when().get("/audit/episodes/{id}", episodeId);
            if (fits.test(answer)) {
                return answer;
            }
            sleep();
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no fitting answer for " + episodeId + ": " + answer.asString());
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static SecurityEvent.Builder securityEvent(String eventId) {
        return SecurityEvent.newBuilder().setEventId(eventId).setKind(SecurityEventKind.SLACK_SIGNATURE_FORGED)
                .setChannel("SLACK").setRemoteAddress("10.1.2.3").setOccurredAt(T0)
                .setDetail("the signature does not match");
    }

    private static EpisodeEvent event(String episodeId, long sequence, EpisodeEventType type, Object payload) {
        return EpisodeEvent.newBuilder().setEventId("evt-" + sequence + "-" + episodeId).setEpisodeId(episodeId)
                .setSequence(sequence).setType(type).setTime(T0).setSource("test").setPayload(payload).build();
    }
}
