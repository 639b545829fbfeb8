package io.noesis.policy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllowRuleTest {

    private static final Rule.Definition ALLOW = new Rule.Definition("read_only", "1", 0.0,
            ApprovalTerms.ANY_SINGLE_APPROVER);

    private final PolicyEngine engine = new PolicyEngine("r", List.of(
            new HighRiskKeywords(HighRiskKeywords.DEFAULT_KEYWORDS, ApprovalTerms.ANY_SINGLE_APPROVER),
            new ProductionEnvironment(ProductionEnvironment.DEFAULT_ENVIRONMENTS, ApprovalTerms.ANY_SINGLE_APPROVER),
            new AllowRule(ALLOW, List.of("(list|describe|show) .*", "dry-run: .*"), Set.of("high_risk_keywords"))));

    @Test
    void waivesTheNamedPolicyForAMatchingTaskAndKeepsItsFinding() {
        Evaluation evaluation = engine.evaluate(new EpisodeContext("List the tables to drop", Map.of(), null),
                PolicySelection.all());

        assertFalse(evaluation.requiresApproval());
        assertEquals(List.of("high_risk_keywords", "read_only"), policies(evaluation));
        Intervention waived = evaluation.interventions().get(0);
        assertEquals("waived by read_only: high-risk keyword(s) in the task: drop", waived.advice().patch().riskReason());
        assertFalse(waived.requiresApproval());
        assertEquals("Matches the low-risk pattern '(list|describe|show) .*'.",
                evaluation.interventions().get(1).advice().rationale());
    }

    @Test
    void doesNotWaivePoliciesItDoesNotName() {
        Evaluation evaluation = engine.evaluate(new EpisodeContext("show the prod tables to drop", Map.of(), null),
                PolicySelection.all());

        assertTrue(evaluation.requiresApproval());
        assertEquals(List.of("high_risk_keywords", "production_environment", "read_only"), policies(evaluation));
        assertTrue(evaluation.interventions().get(1).requiresApproval());
    }

    @Test
    void mustMatchTheWholeText() {
        Evaluation evaluation = engine.evaluate(new EpisodeContext("drop it, then list the rest", Map.of(), null),
                PolicySelection.all());

        assertTrue(evaluation.requiresApproval());
        assertEquals(List.of("high_risk_keywords"), policies(evaluation));
    }

    @Test
    void judgesTheProposedActionRatherThanTheTask() {
        EpisodeContext list = new EpisodeContext("drop the old schema", Map.of(), null)
                .withAction(new ProposedAction("a", "dry-run: drop schema old", null));
        EpisodeContext drop = new EpisodeContext("list the old schemas", Map.of(), null)
                .withAction(new ProposedAction("a", "drop schema old", null));

        assertFalse(engine.evaluate(list, PolicySelection.all()).requiresApproval());
        assertTrue(engine.evaluate(drop, PolicySelection.all()).requiresApproval());
    }

    @Test
    void waivesNothingWhenNotSelected() {
        Evaluation evaluation = engine.evaluate(new EpisodeContext("list what to drop", Map.of(), null),
                PolicySelection.named(List.of("high_risk_keywords")));

        assertTrue(evaluation.requiresApproval());
    }

    @Test
    void neverWaivesAnUnknownSelection() {
        Evaluation evaluation = engine.evaluate(new EpisodeContext("list the tables", Map.of(), null),
                PolicySelection.named(List.of("read_only", "mystery")));

        assertTrue(evaluation.requiresApproval());
    }

    @Test
    void mustNameWhatItWaives() {
        assertThrows(IllegalArgumentException.class, () -> new AllowRule(ALLOW, List.of(".*"), Set.of()));
    }

    private static List<String> policies(Evaluation evaluation) {
        return evaluation.interventions().stream().map(Intervention::policy).toList();
    }
}
