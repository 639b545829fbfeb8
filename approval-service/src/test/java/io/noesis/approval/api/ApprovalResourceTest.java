package io.noesis.approval.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.DecisionChannel;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.DecisionOutcome;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.approval.AwaitingRounds;
import io.noesis.schemas.Topics;
import io.noesis.schemas.deadletter.DeadLetters;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TestTokens;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class ApprovalResourceTest {

    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);
    private static final String PROBLEM = "application/problem+json";

    @Test
    void aPendingEpisodeIsListedAndAnApprovalResumesIt() {
        String episodeId = newEpisodeId();
        Instant deadline = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        awaitApproval(episodeId, "requester", null, deadline);

        as("carol", Set.of("auditor")).get("/approvals?status=pending").then()
                .statusCode(200)
                .body("approvals.find { it.episode_id == '" + episodeId + "' }.task", equalTo("restart the payments database"))
                .body("approvals.find { it.episode_id == '" + episodeId + "' }.deadline", equalTo(deadline.toString()))
                .body("approvals.find { it.episode_id == '" + episodeId + "' }.required_approvals", equalTo(1))
                .body("approvals.find { it.episode_id == '" + episodeId + "' }.approvals", equalTo(0))
                .body("approvals.find { it.episode_id == '" + episodeId + "' }.reasons", hasItem("production"));

        approver("alice").contentType(ContentType.JSON).body("{\"reason\": \"backup verified\"}")
                .post("/approvals/" + episodeId + "/approve").then()
                .statusCode(200)
                .body("episode_id", equalTo(episodeId))
                .body("verdict", equalTo("RESUMED"))
                .body("approvals", equalTo(1))
                .body("required_approvals", equalTo(1))
                .body("command_id", equalTo(episodeId + "-eval-" + episodeId + "-resume"))
                .body("decision_id", notNullValue());

        EpisodeCommand resume = TopicClient.await(Topics.EPISODE_COMMANDS,
                record -> episodeId.equals(record.key()), KAFKA_WAIT).value();
        assertEquals(CommandType.RESUME, resume.getType());
        assertEquals(List.of("alice"), resume.getApprovers());
        assertEquals("backup verified", resume.getReason());
        assertEquals("approval-service", resume.getIssuedBy());
    }

    @Test
    void aSingleEpisodeShowsItsApprovalsSoFarAndARetriedDecisionIdChangesNothing() {
        String episodeId = newEpisodeId();
        awaitApproval(episodeId, "requester", null, null, 2);

        for (int attempt = 0; attempt < 2; attempt++) {
            approver("alice").contentType(ContentType.JSON).body("{\"decision_id\": \"" + episodeId + "-d1\"}")
                    .post("/approvals/" + episodeId + "/approve").then()
                    .statusCode(200)
                    .body("verdict", equalTo("RECORDED"))
                    .body("approvals", equalTo(1))
                    .body("command_id", nullValue());
        }

        approver("bob").get("/approvals/" + episodeId).then()
                .statusCode(200)
                .body("approvals", equalTo(1))
                .body("required_approvals", equalTo(2))
                .body("deadline", nullValue())
                .body("subject", equalTo("REQUEST"));
        List<String> judged = TopicClient.readAll(Topics.APPROVAL_OUTCOMES, Duration.ofSeconds(1)).stream()
                .map(record -> record.value())
                .filter(outcome -> outcome.getEpisodeId().equals(episodeId))
                .map(DecisionOutcome::getDecisionId)
                .toList();
        assertEquals(List.of(episodeId + "-d1", episodeId + "-d1"), judged);
    }

    @Test
    void anApprovalAndARejectionAtOnceEndInExactlyOneOutcome() throws Exception {
        String episodeId = newEpisodeId();
        awaitApproval(episodeId, "requester", null, Instant.now().plus(1, ChronoUnit.HOURS));

        var approve = java.util.concurrent.CompletableFuture.supplyAsync(() -> approver("alice")
                .contentType(ContentType.JSON).body("{}").post("/approvals/" + episodeId + "/approve"));
        var reject = java.util.concurrent.CompletableFuture.supplyAsync(() -> approver("bob")
                .contentType(ContentType.JSON).body("{\"reason\": \"not today\"}").post("/approvals/" + episodeId + "/reject"));
        List<Integer> statuses = java.util.stream.Stream.of(approve.get(), reject.get())
                .map(response -> response.statusCode()).sorted().toList();

        assertEquals(List.of(200, 409), statuses, "one decision wins, the other is refused");
        String refusal = (approve.get().statusCode() == 409 ? approve.get() : reject.get()).jsonPath().getString("refusal");
        assertEquals("ALREADY_DECIDED", refusal);
        List<EpisodeCommand> commands = TopicClient.readAll(Topics.EPISODE_COMMANDS, Duration.ofSeconds(2)).stream()
                .filter(record -> episodeId.equals(record.key())).map(record -> record.value()).toList();
        assertEquals(1, commands.size(), "exactly one RESUME or REJECT: " + commands);
    }

    @Test
    void aRoundNobodyDecidesExpiresAtItsDeadline() {
        String episodeId = newEpisodeId();
        awaitApproval(episodeId, "requester", null, Instant.now().plusSeconds(2));

        EpisodeCommand expire = TopicClient.await(Topics.EPISODE_COMMANDS,
                record -> episodeId.equals(record.key()), KAFKA_WAIT).value();
        assertEquals(CommandType.EXPIRE, expire.getType());
        approver("alice").post("/approvals/" + episodeId + "/approve").then()
                .statusCode(409)
                .body("refusal", equalTo("EXPIRED"));
        approver("alice").get("/approvals?status=expired").then()
                .statusCode(200)
                .body("approvals.find { it.episode_id == '" + episodeId + "' }.outcome", equalTo("EXPIRED"));
    }

    @Test
    void aRejectedRoundLeavesTheQueueForTheDecidedHistoryAndRemembersItsChannel() {
        String episodeId = newEpisodeId();
        awaitApproval(episodeId, "requester", null, null);

        approver("alice").header("X-Noesis-Channel", "web").contentType(ContentType.JSON)
                .body("{\"reason\": \"no rollback plan\"}")
                .post("/approvals/" + episodeId + "/reject").then()
                .statusCode(200)
                .body("verdict", equalTo("REJECTED"));

        approver("bob").get("/approvals?status=pending").then()
                .statusCode(200)
                .body("approvals.episode_id", not(hasItem(episodeId)));
        approver("bob").get("/approvals/" + episodeId).then().statusCode(404);
        approver("bob").get("/approvals?status=decided").then()
                .statusCode(200)
                .body("approvals.find { it.episode_id == '" + episodeId + "' }.outcome", equalTo("REJECTED"))
                .body("approvals.find { it.episode_id == '" + episodeId + "' }.approvers", equalTo(List.of("alice")))
                .body("approvals.find { it.episode_id == '" + episodeId + "' }.reason", equalTo("no rollback plan"));
        approver("bob").get("/approvals?status=expired").then()
                .statusCode(200)
                .body("approvals.episode_id", not(hasItem(episodeId)));
        ApprovalDecision decision = TopicClient.await(Topics.APPROVAL_DECISIONS,
                record -> episodeId.equals(record.key()), KAFKA_WAIT).value();
        assertEquals(DecisionChannel.WEB, decision.getChannel());
    }

    @Test
    void theQueueIsFilteredByGroupAndTextOrderedByDeadlineAndPaginated() {
        String group = "grp-" + UUID.randomUUID();
        String soon = newEpisodeId();
        String later = newEpisodeId();
        String never = newEpisodeId();
        awaitApproval(later, "requester", group, Instant.now().plus(2, ChronoUnit.HOURS));
        awaitApproval(never, "requester", group, null);
        awaitApproval(soon, "requester", group, Instant.now().plus(1, ChronoUnit.HOURS));

        String cursor = approver("alice").get("/approvals?status=pending&approver_group=" + group + "&limit=2").then()
                .statusCode(200)
                .body("approvals.episode_id", equalTo(List.of(soon, later)))
                .body("next_cursor", notNullValue())
                .extract().path("next_cursor");
        approver("alice").queryParam("approver_group", group).queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/approvals").then()
                .statusCode(200)
                .body("approvals.episode_id", equalTo(List.of(never)))
                .body("next_cursor", nullValue());
        approver("alice").queryParam("approver_group", group).queryParam("q", later.toUpperCase())
                .get("/approvals").then()
                .statusCode(200)
                .body("approvals.episode_id", equalTo(List.of(later)));
        approver("alice").queryParam("approver_group", "no-such-group").get("/approvals").then()
                .statusCode(200)
                .body("approvals.episode_id", not(hasItem(soon)));
    }

    @Test
    void aBadLimitOrCursorIsABadRequestNamingIt() {
        for (String limit : List.of("0", "201", "ten")) {
            approver("alice").queryParam("limit", limit).get("/approvals").then()
                    .statusCode(400)
                    .contentType(PROBLEM)
                    .body("field", equalTo("limit"));
        }
        approver("alice").queryParam("cursor", "forged").get("/approvals").then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("field", equalTo("cursor"));
    }

    @Test
    void aCallerCannotClaimTheSlackChannel() {
        approver("alice").header("X-Noesis-Channel", "slack").post("/approvals/" + newEpisodeId() + "/approve").then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("field", equalTo("X-Noesis-Channel"));
    }

    /**
     * Refused before it is written: a round the judge's table has not opened yet would otherwise be judged
     * NOT_PENDING after the answer (202), and the client would never know its decision did not count.
     */
    @Test
    void approvingAnEpisodeWhoseRoundIsNotOpenIsRefusedAtOnceAndNotRecorded() {
        String episodeId = newEpisodeId();
        approver("alice").post("/approvals/" + episodeId + "/approve").then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("status", equalTo(409))
                .body("refusal", equalTo("NOT_PENDING"))
                .body("detail", startsWith("Episode "));

        assertTrue(TopicClient.readAll(Topics.APPROVAL_DECISIONS, Duration.ofSeconds(2)).stream()
                .noneMatch(record -> episodeId.equals(record.key())), "the refused decision was written");
    }

    @Test
    void theRequesterApprovingTheirOwnEpisodeIsRefused() {
        String episodeId = newEpisodeId();
        awaitApproval(episodeId, "mallory", null, null);

        approver("mallory").post("/approvals/" + episodeId + "/approve").then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("refusal", equalTo("SELF_APPROVAL"));
    }

    @Test
    void anApproverOutsideTheGroupIsRefusedAndOneInsideRejects() {
        String episodeId = newEpisodeId();
        awaitApproval(episodeId, "requester", "sre", null);

        approver("alice").post("/approvals/" + episodeId + "/approve").then()
                .statusCode(409)
                .body("refusal", equalTo("NOT_IN_GROUP"));
        given().auth().oauth2(TestTokens.mint("sam", Set.of("approver"), Set.of("sre")))
                .contentType(ContentType.JSON).body("{\"reason\": \"not during the freeze\"}")
                .post("/approvals/" + episodeId + "/reject").then()
                .statusCode(200)
                .body("verdict", equalTo("REJECTED"));

        EpisodeCommand reject = TopicClient.await(Topics.EPISODE_COMMANDS,
                record -> episodeId.equals(record.key()), KAFKA_WAIT).value();
        assertEquals(CommandType.REJECT, reject.getType());
        assertEquals("not during the freeze", reject.getReason());
    }

    @Test
    void aRejectionWithoutReasonIsABadRequest() {
        String path = "/approvals/" + newEpisodeId() + "/reject";
        approver("alice").contentType(ContentType.JSON).body("{}").post(path).then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("field", equalTo("reason"))
                .body("title", notNullValue())
                .body("type", notNullValue());
        approver("alice").contentType(ContentType.JSON).body("{\"reason\": \"   \"}").post(path).then()
                .statusCode(400)
                .body("field", equalTo("reason"));
        approver("alice").contentType(ContentType.JSON).post(path).then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("field", equalTo("reason"));
    }

    @Test
    void malformedBodiesAreBadRequestsNamingTheField() {
        String path = "/approvals/" + newEpisodeId() + "/approve";
        approver("alice").contentType(ContentType.JSON).body("{\"reason\": ").post(path).then()
                .statusCode(400)
                .contentType(PROBLEM);
        approver("alice").contentType(ContentType.JSON).body("{\"approver\": \"bob\"}").post(path).then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("field", equalTo("approver"));
        approver("alice").contentType(ContentType.JSON).body("{\"reason\": [1, 2]}").post(path).then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("field", equalTo("reason"));
        approver("alice").contentType(ContentType.JSON).body("{\"reason\": \"" + "x".repeat(2001) + "\"}").post(path)
                .then()
                .statusCode(400)
                .body("field", equalTo("reason"));
        approver("alice").get("/approvals?status=done").then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("field", equalTo("status"));
    }

    @Test
    void anEpisodeThatIsNotPendingIsNotFound() {
        approver("alice").get("/approvals/" + newEpisodeId()).then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("status", equalTo(404));
    }

    @Test
    void everyEndpointNeedsAToken() {
        given().get("/approvals?status=pending").then().statusCode(401).contentType("application/problem+json");
        given().get("/approvals/some-episode").then().statusCode(401);
        given().post("/approvals/some-episode/approve").then().statusCode(401);
        given().auth().oauth2("not.a.token").get("/approvals").then().statusCode(401).contentType("application/problem+json");
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void withoutAProviderThePageOffersOnlyTheTokenSignIn() {
        given().get("/page/config").then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("oidc", nullValue());
    }

    @Test
    void onlyApproversDecide() {
        String episodeId = newEpisodeId();
        as("rita", Set.of("requester")).post("/approvals/" + episodeId + "/approve")
                .then().statusCode(403).contentType("application/problem+json");
        as("carol", Set.of("auditor")).contentType(ContentType.JSON).body("{\"reason\": \"no\"}")
                .post("/approvals/" + episodeId + "/reject").then().statusCode(403);
        as("rita", Set.of("requester")).get("/approvals").then().statusCode(403);
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicAndTheNextOneIsStillRead() {
        String episodeId = newEpisodeId();
        // Garbage on the events topic, not the decisions topic, which other tests read back as Avro.
        TopicClient.sendBytes(Topics.EPISODE_EVENTS.name(), episodeId.getBytes(StandardCharsets.UTF_8),
                "not avro".getBytes(StandardCharsets.UTF_8));

        var deadLetter = TopicClient.await(Topics.DEAD_LETTERS,
                record -> episodeId.equals(record.key()), KAFKA_WAIT);
        assertEquals(Topics.EPISODE_EVENTS.name(), new String(
                deadLetter.headers().lastHeader(DeadLetters.SOURCE_TOPIC).value(), StandardCharsets.UTF_8));
        awaitApproval(episodeId, "requester", null, null);
    }

    private static String newEpisodeId() {
        return "ep-" + UUID.randomUUID();
    }

    private static void awaitApproval(String episodeId, String requestedBy, String group, Instant deadline) {
        awaitApproval(episodeId, requestedBy, group, deadline, 1);
    }

    private static void awaitApproval(String episodeId, String requestedBy, String group, Instant deadline,
            int required) {
        AwaitingRounds.open(episodeId, requestedBy, group, deadline, required);
    }

    private static RequestSpecification approver(String subject) {
        return as(subject, Set.of("approver"));
    }

    private static RequestSpecification as(String subject, Set<String> roles) {
        return given().auth().oauth2(TestTokens.mint(subject, roles, Set.of()));
    }
}
