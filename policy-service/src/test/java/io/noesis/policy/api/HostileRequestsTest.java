package io.noesis.policy.api;

import static io.noesis.testing.RequestCases.assertAllProblems;

import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.RequestCases;
import io.noesis.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of policy-service against bad input and forged tokens: each answer is a 4xx problem
 * document, never a 5xx, and no token is ever echoed in the log or an answer. Both endpoints are open to
 * any signed-in caller, so there is no role to lack.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class HostileRequestsTest {

    private static final String JSON = "application/json";
    private static final String VALID_DRY_RUN = """
            {"task": "tidy the caches", "tags": {"team": "sre"}, "environment": "staging", "intuition": true,
             "action": {"action_id": "a-1", "action": "redis-cli FLUSHALL", "description": "drop every key"}}""";

    @TestHTTPResource("/")
    URI root;

    @Test
    void badInputIsAClientErrorEverywhere() {
        RequestCases cases = new RequestCases(root)
                .badJsonBodies("POST", "/policies/evaluate", VALID_DRY_RUN, "task")
                .add("no body", "POST", "/policies/evaluate", JSON, null)
                .add("blank task", "POST", "/policies/evaluate", JSON, "{\"task\": \"  \"}")
                .add("action without its text", "POST", "/policies/evaluate", JSON, "{\"task\": \"x\", \"action\": {}}")
                .add("unknown field inside the action", "POST", "/policies/evaluate", JSON,
                        "{\"task\": \"x\", \"action\": {\"action\": \"ls\", \"run_as\": \"root\"}}")
                .add("unknown policy", "POST", "/policies/evaluate", JSON, "{\"task\": \"x\", \"intuition\": [\"no_such\"]}")
                .add("intuition of the wrong kind", "POST", "/policies/evaluate", JSON,
                        "{\"task\": \"x\", \"intuition\": [1, 2]}")
                .add("a tag value that is an object", "POST", "/policies/evaluate", JSON,
                        "{\"task\": \"x\", \"tags\": {\"team\": {\"name\": \"sre\"}}}")
                .add("wrong method", "DELETE", "/policies", null, null)
                .add("unknown path", "GET", "/policies/../../q/../etc/passwd", null, null);

        assertAllProblems("policy-service bad input", cases.sendWith(TestTokens.withEveryRole("mallory")),
                RequestCases::isClientError);
    }

    @Test
    void forgedTokensAreRefusedEverywhere() {
        protectedEndpoints().assertForgedTokensRefused("policy-service");
    }

    @Test
    void tokensNeverAppearInTheLogOrAnswers() {
        protectedEndpoints().assertSecretsNeverEchoed(List.of(TestTokens.withEveryRole("rita"),
                TestTokens.withoutRoles("nobody")), List.of());
    }

    private RequestCases protectedEndpoints() {
        return new RequestCases(root)
                .add("policies", "GET", "/policies", null, null)
                .add("dry run", "POST", "/policies/evaluate", JSON, VALID_DRY_RUN);
    }
}
