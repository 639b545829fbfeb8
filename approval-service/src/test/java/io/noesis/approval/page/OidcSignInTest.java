package io.noesis.approval.page;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.DecisionChannel;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.Topics;
import io.noesis.testing.TestTokens;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page's OIDC sign-in against a real provider (Keycloak, see KeycloakTestResource): the approver signs in
 * on the provider's login form, the page trades the code for an access token with PKCE, and the service
 * verifies that token with the provider's keys and takes the approver's name, roles and groups from it.
 * Skipped, saying why, where Keycloak, a JDK for it, node or Chromium is missing.
 */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
class OidcSignInTest {

    private static final String TASK = "rotate the production database password";

    @TestHTTPResource("/")
    URL page;

    @BeforeEach
    void needsKeycloak() {
        KeycloakTestResource.unavailable().ifPresent(reason -> assumeTrue(false, reason));
    }

    @Test
    void thePageNamesTheProviderAndItsClient() {
        given().get("/page/config").then()
                .statusCode(200)
                .body("oidc.issuer", startsWith("http://127.0.0.1:"))
                .body("oidc.client_id", equalTo(KeycloakTestResource.CLIENT_ID))
                .body("oidc.scope", equalTo("openid"));
    }

    @Test
    void anApproverSignsInWithTheProviderAndApprovesUnderTheirOwnName() throws Exception {
        BrowserScenario.assumeABrowser();
        String episodeId = "ep-" + UUID.randomUUID();

        BrowserScenario browser = BrowserScenario.start("oidc-sign-in-scenario.mjs", page.toString(),
                Map.of("NOESIS_PASSWORD", KeycloakTestResource.PASSWORD), episodeId, KeycloakTestResource.USER);
        browser.awaitLine("SIGNED_IN");
        PendingEpisodes.publish(episodeId, TASK, "check the replicas first");
        browser.awaitLine("APPROVED");
        browser.assertSucceeded();

        ApprovalDecision decision = TopicClient.await(Topics.APPROVAL_DECISIONS,
                record -> episodeId.equals(record.key()), Duration.ofSeconds(30)).value();
        assertEquals(KeycloakTestResource.USER, decision.getApprover());
        assertEquals(List.of("sre"), decision.getApproverGroups());
        assertEquals(DecisionChannel.WEB, decision.getChannel());
        EpisodeCommand resume = TopicClient.await(Topics.EPISODE_COMMANDS,
                record -> episodeId.equals(record.key()), Duration.ofSeconds(30)).value();
        assertEquals(CommandType.RESUME, resume.getType());
        assertEquals(List.of(KeycloakTestResource.USER), resume.getApprovers());
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        given().auth().oauth2(TestTokens.mint("mallory", Set.of("approver"), Set.of("sre")))
                .get("/approvals").then()
                .statusCode(401)
                .contentType("application/problem+json");
    }
}
