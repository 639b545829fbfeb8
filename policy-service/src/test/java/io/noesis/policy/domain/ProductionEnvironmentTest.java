package io.noesis.policy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProductionEnvironmentTest {

    private final ProductionEnvironment policy = new ProductionEnvironment(ProductionEnvironment.DEFAULT_ENVIRONMENTS,
            ApprovalTerms.ANY_SINGLE_APPROVER);

    static Stream<Arguments> production() {
        return Stream.of(
                Arguments.of(new EpisodeContext("restart the cache", Map.of(), "prod"), "environment is 'prod'"),
                Arguments.of(new EpisodeContext("restart the cache", Map.of(), " Production "),
                        "environment is 'Production'"),
                Arguments.of(new EpisodeContext("restart the cache", Map.of("env", "prod"), null), "tag env=prod"),
                Arguments.of(new EpisodeContext("restart the cache", Map.of("Environment", "PRODUCTION"), "dev"),
                        "tag Environment=PRODUCTION"),
                Arguments.of(new EpisodeContext("restart the prod cache", Map.of(), null), "task mentions 'prod'"),
                Arguments.of(new EpisodeContext("Check PRODUCTION latency", Map.of(), null),
                        "task mentions 'production'"),
                Arguments.of(new EpisodeContext("régler la prod, vite", Map.of(), null), "task mentions 'prod'"),
                Arguments.of(new EpisodeContext("prod", Map.of("env", "prod"), "production"),
                        "environment is 'production'; tag env=prod; task mentions 'prod'"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("production")
    void flagsProductionFromEnvironmentTagsOrTask(EpisodeContext context, String signals) {
        Advice advice = policy.advise(context).orElseThrow();

        assertEquals(true, advice.patch().requiresApproval());
        assertEquals("production environment: " + signals, advice.patch().riskReason());
        assertEquals(0.7, advice.riskScore());
    }

    static Stream<EpisodeContext> notProduction() {
        return Stream.of(
                new EpisodeContext("write the productivity report", Map.of(), "staging"),
                new EpisodeContext("plan the product launch", Map.of("env", "dev"), null),
                new EpisodeContext("reproduce the bug", Map.of("region", "prod"), ""),
                new EpisodeContext("the prodé variable", Map.of("team", "production"), null),
                new EpisodeContext("", Map.of(), null),
                new EpisodeContext("preprod smoke test", Map.of("env", "preprod"), "pre-production-like"));
    }

    @ParameterizedTest
    @MethodSource("notProduction")
    void ignoresOtherEnvironmentsAndNearMisses(EpisodeContext context) {
        assertEquals(Optional.empty(), policy.advise(context));
    }

    @Test
    void readsAHugeTaskWithoutTrouble() {
        String huge = "quiet staging work ".repeat(200_000);

        assertEquals(Optional.empty(), policy.advise(new EpisodeContext(huge, Map.of(), null)));
        assertEquals("production environment: task mentions 'production'",
                policy.advise(new EpisodeContext(huge + "in production", Map.of(), null)).orElseThrow()
                        .patch().riskReason());
    }

    @Test
    void usesTheConfiguredEnvironmentNames() {
        ProductionEnvironment live = new ProductionEnvironment(List.of("live"), ApprovalTerms.ANY_SINGLE_APPROVER);

        assertEquals("production environment: environment is 'LIVE'",
                live.advise(new EpisodeContext("restart", Map.of(), "LIVE")).orElseThrow().patch().riskReason());
        assertEquals(Optional.empty(), live.advise(new EpisodeContext("restart prod", Map.of("env", "prod"), "prod")));
    }
}
