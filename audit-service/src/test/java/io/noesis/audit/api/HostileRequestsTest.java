package io.noesis.audit.api;

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
 * Every endpoint of audit-service against bad input and forged or insufficient tokens: each answer is a
 * 4xx problem document, never a 5xx, and no token is ever echoed in the log or an answer.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class HostileRequestsTest {

    private static final String JSON = "application/json";

    @TestHTTPResource("/")
    URI root;

    @Test
    void badInputIsAClientErrorEverywhere() {
        RequestCases cases = new RequestCases(root)
                .badJsonBodies("POST", "/audit/replays", "{\"kind\": \"verify\", \"from\": \"2026-01-01T00:00:00Z\"}", "kind")
                .add("no body", "POST", "/audit/replays", JSON, null)
                .add("unknown kind", "POST", "/audit/replays", JSON, "{\"kind\": \"erase\"}")
                .add("kind in capitals", "POST", "/audit/replays", JSON, "{\"kind\": \"VERIFY\"}")
                .add("from that is no instant", "POST", "/audit/replays", JSON, "{\"kind\": \"rebuild\", \"from\": \"yesterday\"}")
                .oddIds("GET", "/audit/episodes/{id}", null)
                .oddIds("GET", "/audit/replays/{id}", null)
                .badQueries("/audit/decisions", Map.of(
                        "outcome", List.of("MAYBE", "approve"),
                        "channel", List.of("FAX"),
                        "from", List.of("yesterday", "2026-02-30T00:00:00Z"),
                        "to", List.of("tomorrow"),
                        "limit", List.of("0", "10001", "all", "99999999999999999999")))
                .add("a period that ends before it starts", "GET",
                        "/audit/decisions?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", null, null)
                .badQueries("/audit/export", Map.of(
                        "format", List.of("xml", "csv; rm -rf /"),
                        "from", List.of("last week"),
                        "to", List.of("13/13/2026")));

        assertAllProblems("audit-service bad input", cases.sendWith(TestTokens.withEveryRole("mallory")),
                RequestCases::isClientError);
    }

    @Test
    void forgedTokensAreRefusedEverywhere() {
        protectedEndpoints().assertForgedTokensRefused("audit-service");
    }

    @Test
    void everyEndpointNeedsARole() {
        assertAllProblems("audit-service, a token without roles",
                protectedEndpoints().sendWith(TestTokens.withoutRoles("nobody")), status -> status == 403);
    }

    @Test
    void tokensNeverAppearInTheLogOrAnswers() {
        protectedEndpoints().assertSecretsNeverEchoed(List.of(TestTokens.withEveryRole("audrey"),
                TestTokens.withoutRoles("nobody")), List.of());
    }

    private RequestCases protectedEndpoints() {
        return new RequestCases(root)
                .add("timeline", "GET", "/audit/episodes/ep-hostile-unknown", null, null)
                .add("decisions", "GET", "/audit/decisions", null, null)
                .add("export", "GET", "/audit/export?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", null, null)
                .add("start a replay", "POST", "/audit/replays", JSON, "{\"kind\": \"verify\"}")
                .add("a replay's progress", "GET", "/audit/replays/r-unknown", null, null);
    }
}
