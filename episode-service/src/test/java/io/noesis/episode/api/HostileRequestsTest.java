package io.noesis.episode.api;

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
 * Every endpoint of episode-service against bad input and forged or insufficient tokens: each answer is a
 * 4xx problem document, never a 5xx, and no token is ever echoed in the log or an answer.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class HostileRequestsTest {

    private static final String JSON = "application/json";
    private static final String VALID_REQUEST = """
            {"task": "restart the web tier", "intuition": true, "tags": {"team": "sre"}, "environment": "staging",
             "parent_episode_id": "ep-parent", "episode_id": "ep-hostile"}""";

    @TestHTTPResource("/")
    URI root;

    @Test
    void badInputIsAClientErrorEverywhere() {
        RequestCases cases = new RequestCases(root)
                .badJsonBodies("POST", "/episodes", VALID_REQUEST, "task")
                .add("no body", "POST", "/episodes", JSON, null)
                .add("episode_id with a slash", "POST", "/episodes", JSON, "{\"task\": \"x\", \"episode_id\": \"a/b\"}")
                .add("episode_id traversal", "POST", "/episodes", JSON, "{\"task\": \"x\", \"episode_id\": \"../../x\"}")
                .add("episode_id of 65 characters", "POST", "/episodes", JSON,
                        "{\"task\": \"x\", \"episode_id\": \"" + "e".repeat(65) + "\"}")
                .add("episode_id with RTL override", "POST", "/episodes", JSON,
                        "{\"task\": \"x\", \"episode_id\": \"ep-\u202Eevil\"}")
                .add("empty episode_id", "POST", "/episodes", JSON, "{\"task\": \"x\", \"episode_id\": \"\"}")
                .add("task of 10,001 characters", "POST", "/episodes", JSON,
                        "{\"task\": \"" + "t".repeat(10_001) + "\"}")
                .add("tag key with spaces", "POST", "/episodes", JSON, "{\"task\": \"x\", \"tags\": {\"a b\": \"c\"}}")
                .add("intuition naming nothing", "POST", "/episodes", JSON, "{\"task\": \"x\", \"intuition\": []}")
                .badJsonBodies("POST", "/episodes/ep-unknown/cancel", "{\"reason\": \"no longer needed\"}")
                .oddIds("GET", "/episodes/{id}/summary", null)
                .oddIds("GET", "/episodes/{id}/events", null)
                .oddIds("GET", "/episodes/{id}/events/stream", null)
                .oddIds("POST", "/episodes/{id}/cancel", "{}")
                .badQueries("/episodes", Map.of(
                        "limit", List.of("0", "-1", "501", "ten", "1e3", "99999999999999999999"),
                        "status", List.of("NOPE", "running; drop"),
                        "tag", List.of("no-colon"),
                        "created_after", List.of("yesterday"),
                        "created_before", List.of("2026-13-45T99:00:00Z"),
                        "cursor", List.of("garbage", "../../etc"),
                        "parent_episode_id", List.of("../x"),
                        "scope", List.of("everywhere")))
                .badQueries("/episodes/ep-unknown/events", Map.of(
                        "from_sequence", List.of("0", "-5", "first"),
                        "limit", List.of("0", "many")));

        assertAllProblems("episode-service bad input", cases.sendWith(TestTokens.withEveryRole("mallory")),
                RequestCases::isClientError);
    }

    @Test
    void forgedTokensAreRefusedEverywhere() {
        protectedEndpoints().assertForgedTokensRefused("episode-service");
    }

    @Test
    void requestingNeedsTheRequesterRole() {
        RequestCases roleProtected = new RequestCases(root)
                .add("request", "POST", "/episodes", JSON, "{\"task\": \"restart the web tier\"}");
        assertAllProblems("episode-service, a token without roles", roleProtected.sendWith(TestTokens.withoutRoles("nobody")),
                status -> status == 403);
    }

    @Test
    void tokensNeverAppearInTheLogOrAnswers() {
        protectedEndpoints().assertSecretsNeverEchoed(List.of(TestTokens.withEveryRole("alice"),
                TestTokens.withoutRoles("nobody")), List.of());
    }

    /** Every endpoint that reads or changes anything, with a request it would otherwise accept or answer. */
    private RequestCases protectedEndpoints() {
        return new RequestCases(root)
                .add("request", "POST", "/episodes", JSON, "{\"task\": \"restart the web tier\"}")
                .add("cancel", "POST", "/episodes/ep-hostile-unknown/cancel", JSON, "{}")
                .add("summary", "GET", "/episodes/ep-hostile-unknown/summary", null, null)
                .add("events", "GET", "/episodes/ep-hostile-unknown/events", null, null)
                .add("event stream", "GET", "/episodes/ep-hostile-unknown/events/stream", null, null)
                .add("list", "GET", "/episodes", null, null);
    }
}
