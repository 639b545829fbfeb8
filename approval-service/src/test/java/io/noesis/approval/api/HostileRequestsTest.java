package io.noesis.approval.api;

import static io.noesis.testing.RequestCases.assertAllProblems;

import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.RequestCases;
import io.noesis.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of approval-service's API against bad input and forged or insufficient tokens: each
 * answer is a 4xx problem document, never a 5xx, and no token is ever echoed in the log or an answer.
 * Slack's signed callback is attacked in SlackTest and SecretsTest.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class HostileRequestsTest {

    private static final String JSON = "application/json";
    private static final String APPROVE = "/approvals/ep-hostile-unknown/approve";
    private static final String REJECT = "/approvals/ep-hostile-unknown/reject";

    @TestHTTPResource("/")
    URI root;

    @Test
    void badInputIsAClientErrorEverywhere() {
        RequestCases cases = new RequestCases(root)
                .badJsonBodies("POST", APPROVE, "{\"reason\": \"backup verified\", \"decision_id\": \"d-1\"}")
                .badJsonBodies("POST", REJECT, "{\"reason\": \"too risky\", \"decision_id\": \"d-2\"}", "reason")
                .add("reject without a body", "POST", REJECT, JSON, null)
                .add("blank reason", "POST", REJECT, JSON, "{\"reason\": \"   \"}")
                .add("reason of 2,001 characters", "POST", APPROVE, JSON, "{\"reason\": \"" + "r".repeat(2_001) + "\"}")
                .add("decision id of 129 characters", "POST", APPROVE, JSON,
                        "{\"decision_id\": \"" + "d".repeat(129) + "\"}")
                .add("blank decision id", "POST", APPROVE, JSON, "{\"decision_id\": \" \"}")
                .add("a caller claiming the Slack channel", "POST", APPROVE, JSON, "{}", Map.of("X-Noesis-Channel", "slack"))
                .add("an approver named in the body", "POST", APPROVE, JSON, "{\"approver\": \"ceo\"}")
                .oddIds("GET", "/approvals/{id}", null)
                .oddIds("POST", "/approvals/{id}/approve", "{}")
                .oddIds("POST", "/approvals/{id}/reject", "{\"reason\": \"no\"}")
                .badQueries("/approvals", Map.of(
                        "status", List.of("all", "PENDING; drop"),
                        "limit", List.of("0", "201", "-3", "lots", "99999999999999999999"),
                        "cursor", List.of("garbage", "../../etc/passwd"),
                        "scope", List.of("everywhere", "LOCAL")))
                .badQueries("/approvals/ep-hostile-unknown", Map.of("scope", List.of("everywhere")));

        assertAllProblems("approval-service bad input", cases.sendWith(TestTokens.withEveryRole("mallory")),
                RequestCases::isClientError);
    }

    @Test
    void forgedTokensAreRefusedEverywhere() {
        protectedEndpoints().assertForgedTokensRefused("approval-service");
    }

    @Test
    void everyEndpointNeedsARole() {
        assertAllProblems("approval-service, a token without roles",
                protectedEndpoints().sendWith(TestTokens.withoutRoles("nobody")), status -> status == 403);
    }

    @Test
    void tokensNeverAppearInTheLogOrAnswers() {
        protectedEndpoints().assertSecretsNeverEchoed(List.of(TestTokens.withEveryRole("ada"),
                TestTokens.withoutRoles("nobody")), List.of());
    }

    private RequestCases protectedEndpoints() {
        return new RequestCases(root)
                .add("queue", "GET", "/approvals", null, null)
                .add("one round", "GET", "/approvals/ep-hostile-unknown", null, null)
                .add("approve", "POST", APPROVE, JSON, "{\"reason\": \"backup verified\"}")
                .add("reject", "POST", REJECT, JSON, "{\"reason\": \"too risky\"}");
    }
}
