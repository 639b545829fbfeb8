package io.noesis.approval.metrics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.approval.AwaitingRounds;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.ServiceMetrics;
import io.noesis.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The operator's metrics at /q/metrics follow what the approval service does. */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class ApprovalMetricsTest {

    @TestHTTPResource("/")
    URI service;

    @Test
    void pendingRoundsAreCountedByGroupAndDecisionsByVerdictChannelAndLatency() {
        String group = "group-" + UUID.randomUUID();
        String episodeId = "ep-" + UUID.randomUUID();
        double resumesBefore = metric("noesis_approval_decision_to_command_seconds_count", Map.of("command", "resume"));
        double refusedBefore = metric("noesis_approval_decisions_total",
                Map.of("verdict", "refused", "refusal", "not_in_group", "channel", "web"));
        double resumedBefore = metric("noesis_approval_decisions_total",
                Map.of("verdict", "resumed", "refusal", "none", "channel", "api"));

        AwaitingRounds.open(episodeId, group, null);
        awaitMetric("noesis_approvals_pending", Map.of("group", group), 1);

        given().auth().oauth2(TestTokens.mint("outsider", Set.of("approver"), Set.of()))
                .header("X-Noesis-Channel", "web").contentType(ContentType.JSON).body("{}")
                .post("/approvals/" + episodeId + "/approve").then().statusCode(409);
        given().auth().oauth2(TestTokens.mint("member", Set.of("approver"), Set.of(group)))
                .contentType(ContentType.JSON).body("{}")
                .post("/approvals/" + episodeId + "/approve").then().statusCode(200);

        assertEquals(refusedBefore + 1, metric("noesis_approval_decisions_total",
                Map.of("verdict", "refused", "refusal", "not_in_group", "channel", "web")));
        assertEquals(resumedBefore + 1, metric("noesis_approval_decisions_total",
                Map.of("verdict", "resumed", "refusal", "none", "channel", "api")));
        assertEquals(resumesBefore + 1,
                metric("noesis_approval_decision_to_command_seconds_count", Map.of("command", "resume")));
        double seconds = metric("noesis_approval_decision_to_command_seconds_max", Map.of("command", "resume"));
        assertTrue(seconds > 0 && seconds < AwaitingRounds.KAFKA_WAIT.toSeconds(), "decision-to-command latency " + seconds + " s");
        awaitMetric("noesis_approvals_pending", Map.of("group", group), 0);
    }

    @Test
    void aRoundNobodyDecidesIsCountedAsAnExpiryOfItsGroup() {
        String group = "group-" + UUID.randomUUID();
        AwaitingRounds.open("ep-" + UUID.randomUUID(), group, Instant.now().plusSeconds(2));

        awaitMetric("noesis_approval_expiries_total", Map.of("group", group), 1);
        awaitMetric("noesis_approvals_pending", Map.of("group", group), 0);
    }

    @Test
    void theKafkaStreamsClientsReportTheirLagAndThreads() {
        await().atMost(AwaitingRounds.KAFKA_WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max{"))
                .body(containsString("kafka_stream_thread_process_total{")));
    }

    private double metric(String name, Map<String, String> labels) {
        return ServiceMetrics.sum(service, name, labels);
    }

    private void awaitMetric(String name, Map<String, String> labels, double expected) {
        await().atMost(AwaitingRounds.KAFKA_WAIT).untilAsserted(() -> assertEquals(expected, metric(name, labels), name + labels));
    }
}
