package io.noesis.policy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IsolatedPolicyTest {

    private static final EpisodeContext HARMLESS = new EpisodeContext("read the docs", Map.of(), null);

    record Custom(Function<EpisodeContext, Optional<Advice>> verdict) implements DirectedIntuition {

        @Override
        public String name() {
            return "custom";
        }

        @Override
        public String version() {
            return "9";
        }

        @Override
        public String description() {
            return "a test policy";
        }

        @Override
        public Optional<Advice> advise(EpisodeContext context) {
            return verdict.apply(context);
        }
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new Custom(context -> {
                    throw new IllegalStateException("database down");
                }), "custom policy custom failed: java.lang.IllegalStateException: database down"),
                Arguments.of(new Custom(context -> null), "custom policy custom returned null instead of an Optional"),
                Arguments.of(new Custom(context -> Optional.of(new Advice("x", null, "y", 0.1, null))),
                        "custom policy custom returned advice without a patch or approval terms"),
                Arguments.of(new Custom(context -> {
                    throw new NoClassDefFoundError("com/acme/Missing");
                }), "custom policy custom failed: java.lang.NoClassDefFoundError: com/acme/Missing"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("failures")
    void aFailingCustomPolicyFailsClosed(DirectedIntuition failing, String reason) {
        PolicyEngine engine = new PolicyEngine("r", List.of(new IsolatedPolicy(failing)));

        Evaluation evaluation = engine.evaluate(HARMLESS, PolicySelection.all());

        assertTrue(evaluation.requiresApproval());
        assertEquals(1.0, evaluation.riskScore());
        Intervention intervention = evaluation.interventions().get(0);
        assertEquals("custom", intervention.policy());
        assertEquals("9", intervention.policyVersion());
        assertEquals(reason, intervention.advice().patch().riskReason());
    }

    @Test
    void aWorkingCustomPolicySpeaksForItself() {
        Advice note = new Advice("fine", new Patch(false, null), "nothing to see", 0.1, ApprovalTerms.ANY_SINGLE_APPROVER);
        IsolatedPolicy isolated = new IsolatedPolicy(new Custom(context -> Optional.of(note)));

        assertEquals(Optional.of(note), isolated.advise(HARMLESS));
        assertEquals("a test policy", isolated.description());
    }
}
