package io.noesis.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.deploy.runtime.LocalStack;
import io.noesis.deploy.runtime.Service;
import io.noesis.deploy.runtime.StackSettings;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.Topics;
import io.noesis.testing.TestDirectories;
import io.noesis.testing.TopicClient;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole system as a user runs it: a Kafka broker and the schema registry as processes, the four
 * packaged services as processes, driven only through their REST APIs and the topics.
 */
class WholeLoopIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static LocalStack stack;
    private static TopicClient topics;
    private static String requester;
    private static String approver;
    private static String auditor;

    @BeforeAll
    static void startTheSystem() throws Exception {
        Path home = Path.of(System.getProperty("noesis.home", "..")).toAbsolutePath().normalize();
        Path dataDir = TestDirectories.create("system-test");
        stack = new LocalStack(StackSettings.randomPorts(home, dataDir, Map.of()), System.out::println);
        stack.start();
        topics = new TopicClient(stack.broker().bootstrapServers(), stack.registry().registryApiUrl());
        requester = stack.issuer().mint("alice", Set.of("requester"), Set.of(), Duration.ofHours(1));
        approver = stack.issuer().mint("bob", Set.of("approver"), Set.of("sre"), Duration.ofHours(1));
        auditor = stack.issuer().mint("carol", Set.of("auditor"), Set.of(), Duration.ofHours(1));
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void aSafeEpisodeRunsToCompletionWithoutApproval() {
        String id = submit("summarise yesterday's support tickets", "staging");

        awaitStatus(id, "COMPLETED");
        assertTrue(eventTypes(id).containsAll(List.of("REQUESTED", "EVALUATING", "STARTED", "COMPLETED")));
        assertTrue(!eventTypes(id).contains("AWAITING_APPROVAL"), "a safe episode never waits");
    }

    @Test
    void aRiskyEpisodePausesIsApprovedResumesAndCompletes() {
        String id = submit("drop the orders table", "production");

        awaitStatus(id, "AWAITING_APPROVAL");
        awaitInApprovalQueue(id);
        given().auth().oauth2(approver).when().get(approvalUrl("/approvals?status=pending"))
                .then().statusCode(200).body("approvals.episode_id", hasItem(id));

        given().auth().oauth2(approver).contentType(ContentType.JSON).body(Map.of("reason", "change ticket 42"))
                .when().post(approvalUrl("/approvals/" + id + "/approve"))
                .then().statusCode(200).body("verdict", equalTo("RESUMED"));

        ConsumerRecord<String, EpisodeCommand> resume = topics.first(Topics.EPISODE_COMMANDS,
                record -> id.equals(record.key()) && record.value().getType() == CommandType.RESUME, PATIENCE);
        assertEquals(List.of("bob"), resume.value().getApprovers(), "the approver is the token's subject");

        awaitStatus(id, "COMPLETED");
        assertInOrder(auditActions(id), "REQUESTED", "AWAITING_APPROVAL", "APPROVE", "RESUME", "RESUMED", "COMPLETED");
        assertTrue(auditRecords(id).stream().anyMatch(record -> "APPROVE".equals(record.get("action"))
                && "bob".equals(record.get("actor"))), "the audit trail names the approver");
    }

    @Test
    void aRiskyEpisodeIsRejectedAndEndsRejected() {
        String id = submit("deploy the release to prod", null);

        awaitStatus(id, "AWAITING_APPROVAL");
        awaitInApprovalQueue(id);
        given().auth().oauth2(approver).contentType(ContentType.JSON).body(Map.of("reason", "freeze week"))
                .when().post(approvalUrl("/approvals/" + id + "/reject"))
                .then().statusCode(200).body("verdict", equalTo("REJECTED"));

        awaitStatus(id, "REJECTED");
        assertInOrder(auditActions(id), "REQUESTED", "AWAITING_APPROVAL", "REJECT", "REJECTED");

        given().auth().oauth2(approver).contentType(ContentType.JSON).body(Map.of())
                .when().post(approvalUrl("/approvals/" + id + "/approve"))
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aDecisionForAnUnknownEpisodeIsRefusedWith409() {
        given().auth().oauth2(approver).contentType(ContentType.JSON).body(Map.of())
                .when().post(approvalUrl("/approvals/no-such-episode/approve"))
                .then().statusCode(409).contentType("application/problem+json")
                .body("refusal", equalTo("NOT_PENDING"));
    }

    @Test
    void everyServiceIsHealthyAndServesPrometheusMetricsAndItsOpenApiDocument() {
        for (Service service : Service.values()) {
            given().when().get(url(service, "/q/health/ready")).then().statusCode(200);
            given().when().get(url(service, "/q/metrics")).then().statusCode(200)
                    .body(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes"));
            given().when().get(url(service, "/q/openapi")).then().statusCode(200);
        }
    }

    @Test
    void requestsWithoutATokenAreRefused() {
        given().contentType(ContentType.JSON).body(Map.of("task", "anything"))
                .when().post(url(Service.EPISODE, "/episodes")).then().statusCode(401);
        given().when().get(url(Service.AUDIT, "/audit/episodes/x")).then().statusCode(401);
    }

    private static String submit(String task, String environment) {
        Map<String, Object> body = environment == null ? Map.of("task", task) : Map.of("task", task, "environment", environment);
        return given().auth().oauth2(requester).contentType(ContentType.JSON).body(body)
                .when().post(url(Service.EPISODE, "/episodes"))
                .then().statusCode(202).extract().path("episode_id");
    }

    private static void awaitStatus(String id, String status) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response summary = given().auth().oauth2(requester).when().get(url(Service.EPISODE, "/episodes/" + id + "/summary"));
            return summary.statusCode() == 200 && status.equals(summary.path("status"));
        });
    }

    /** approval-service learns of the pause from the episode log a moment after episode-service shows it. */
    private static void awaitInApprovalQueue(String id) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() ->
                given().auth().oauth2(approver).when().get(approvalUrl("/approvals/" + id)).statusCode() == 200);
    }

    private static List<String> eventTypes(String id) {
        return given().auth().oauth2(requester).when().get(url(Service.EPISODE, "/episodes/" + id + "/events"))
                .then().statusCode(200).extract().path("events.type");
    }

    private static List<Map<String, Object>> auditRecords(String id) {
        return given().auth().oauth2(auditor).when().get(url(Service.AUDIT, "/audit/episodes/" + id))
                .then().statusCode(200).extract().path("records");
    }

    /** The audit trail catches up asynchronously: wait until it has the last step, then read it. */
    private static List<String> auditActions(String id) {
        await().atMost(PATIENCE).until(() -> {
            Response trail = given().auth().oauth2(auditor).when().get(url(Service.AUDIT, "/audit/episodes/" + id));
            List<String> actions = trail.statusCode() == 200 ? trail.path("records.action") : List.of();
            return actions.contains("COMPLETED") || actions.contains("REJECTED");
        });
        return auditRecords(id).stream().map(record -> String.valueOf(record.get("action"))).toList();
    }

    private static void assertInOrder(List<String> actual, String... expected) {
        int from = 0;
        for (String step : expected) {
            int found = actual.subList(from, actual.size()).indexOf(step);
            assertTrue(found >= 0, "missing " + step + " after position " + from + " in " + actual);
            from += found + 1;
        }
    }

    private static String approvalUrl(String path) {
        return url(Service.APPROVAL, path);
    }

    private static String url(Service service, String path) {
        return stack.settings().serviceUrl(service) + path;
    }
}
