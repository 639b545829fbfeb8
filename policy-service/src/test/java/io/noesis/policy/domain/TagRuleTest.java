package io.noesis.policy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TagRuleTest {

    private final TagRule policy = new TagRule(new Rule.Definition("risky_tags", "3", 0.9,
            new ApprovalTerms(2, "dba", 300L)), Map.of("high_risk", "true", "données", "sensibles"));

    static Stream<Arguments> flagged() {
        return Stream.of(
                Arguments.of(Map.of("high_risk", "true"), "tagged high_risk=true"),
                Arguments.of(Map.of("HIGH_RISK", " TRUE "), "tagged HIGH_RISK= TRUE "),
                Arguments.of(Map.of("Données", "SENSIBLES", "team", "x"), "tagged Données=SENSIBLES"),
                Arguments.of(Map.of("high_risk", "true", "données", "sensibles"),
                        "tagged données=sensibles, high_risk=true"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("flagged")
    void flagsTheNamedTagValues(Map<String, String> tags, String reason) {
        Advice advice = policy.advise(new EpisodeContext("anything", tags, null)).orElseThrow();

        assertEquals(new Patch(true, reason), advice.patch());
        assertEquals(0.9, advice.riskScore());
        assertEquals(new ApprovalTerms(2, "dba", 300L), advice.terms());
    }

    static Stream<Map<String, String>> notFlagged() {
        return Stream.of(Map.of(), Map.of("high_risk", "false"), Map.of("high_risk", "truely"),
                Map.of("high_risk_", "true"), Map.of("risk", "true"), Map.of("x".repeat(100_000), "true"));
    }

    @ParameterizedTest
    @MethodSource("notFlagged")
    void ignoresOtherTagsAndValues(Map<String, String> tags) {
        assertEquals(Optional.empty(), policy.advise(new EpisodeContext("high_risk=true in the task", tags, null)));
    }
}
