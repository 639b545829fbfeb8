package io.noesis.policy.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.noesis.policy.plugins.SamplePlugins;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TestDirectories;
import io.noesis.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The service run as an operator runs it: an own rule file, edited while it runs, and a jar of custom policies. */
@QuarkusTest
@TestProfile(OperatorRulesTest.OperatorRules.class)
@WithTestResource(NoesisTestResource.class)
class OperatorRulesTest {

    public static final class OperatorRules implements QuarkusTestProfile {

        static final Path DIRECTORY = createDirectory();
        static final Path RULES = DIRECTORY.resolve("rules.yaml");

        private static Path createDirectory() {
            try {
                Path directory = TestDirectories.create("operator-rules");
                Files.writeString(directory.resolve("rules.yaml"), rules("ops-1", "shutdown"));
                SamplePlugins.writeJar(Files.createDirectory(directory.resolve("plugins")));
                return directory;
            } catch (IOException error) {
                throw new UncheckedIOException(error);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("noesis.policy.rules-file", RULES.toString(),
                    "noesis.policy.plugins-dir", DIRECTORY.resolve("plugins").toString(),
                    "noesis.policy.rules-poll-interval", "PT0.1S");
        }
    }

    private static String rules(String version, String keyword) {
        return """
                version: "%s"
                policies:
                  - name: ops_keywords
                    type: keywords
                    keywords: [%s]
                    approval: {required_approvals: 2, approver_group: ops}
                """.formatted(version, keyword);
    }

    private static String token() {
        return TestTokens.mint("olga", Set.of("admin"), Set.of());
    }

    @Test
    void servesTheOperatorsRulesAndCustomPolicies() {
        policies().body("rule_set_version", startsWith("ops-"))
                .body("rules_source", equalTo(OperatorRules.RULES.toString()))
                .body("policies.name", contains("ops_keywords", "acme_billing", "acme_broken"))
                .body("policies.version", contains("1", "2.1", "1"));
    }

    @Test
    void aFailingCustomPolicyFailsTheDryRunClosed() {
        given().auth().oauth2(token()).contentType(ContentType.JSON)
                .body("{\"task\": \"read the docs\", \"intuition\": [\"acme_broken\"]}")
                .when().post("/policies/evaluate")
                .then().statusCode(200)
                .body("requires_approval", equalTo(true))
                .body("interventions[0].policy", equalTo("acme_broken"))
                .body("interventions[0].patch.risk_reason", equalTo(
                        "custom policy acme_broken failed: java.lang.IllegalStateException: risk service unreachable"));
    }

    @Test
    void picksUpEditsAndRefusesABrokenFileWhileServingThePreviousRules() throws IOException {
        Files.writeString(OperatorRules.RULES, rules("ops-2", "reboot"));
        awaitPolicies("ops-2 loaded", response -> "ops-2".equals(response.extract().path("rule_set_version")));
        dryRun("reboot the node").body("requires_approval", equalTo(true))
                .body("required_approvals", equalTo(2)).body("approver_group", equalTo("ops"))
                .body("rule_set_version", equalTo("ops-2"));

        Files.writeString(OperatorRules.RULES, rules("ops-3", "reboot").replace("keywords: [reboot]", "keywords: 7"));
        awaitPolicies("the error shown", response -> response.extract().path("last_load_error") != null);
        policies().body("rule_set_version", equalTo("ops-2"))
                .body("last_load_error", startsWith(OperatorRules.RULES + ", line 5"));
        dryRun("reboot the node").body("requires_approval", equalTo(true)).body("rule_set_version", equalTo("ops-2"));

        Files.writeString(OperatorRules.RULES, rules("ops-4", "shutdown"));
        awaitPolicies("ops-4 loaded", response -> "ops-4".equals(response.extract().path("rule_set_version")));
        policies().body("last_load_error", equalTo(null));
        dryRun("reboot the node").body("requires_approval", equalTo(false));
    }

    private static ValidatableResponse policies() {
        return given().auth().oauth2(token()).when().get("/policies").then().statusCode(200);
    }

    private static ValidatableResponse dryRun(String task) {
        return given().auth().oauth2(token()).contentType(ContentType.JSON)
                .body("{\"task\": \"" + task + "\", \"intuition\": [\"ops_keywords\"]}")
                .when().post("/policies/evaluate").then().statusCode(200);
    }

    private static void awaitPolicies(String what, java.util.function.Predicate<ValidatableResponse> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!done.test(policies())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what + ": " + policies().extract().asString());
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", interrupted);
        }
    }
}
