package io.noesis.policy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

    private static final EpisodeContext RISKY_PROD = new EpisodeContext("drop the sessions table", Map.of(), "prod");
    private static final EpisodeContext HARMLESS = new EpisodeContext("summarise the weekly report", Map.of(), "dev");

    private final PolicyEngine engine = new PolicyEngine("rules-7", List.of(
            new HighRiskKeywords(HighRiskKeywords.DEFAULT_KEYWORDS, ApprovalTerms.ANY_SINGLE_APPROVER),
            new ProductionEnvironment(ProductionEnvironment.DEFAULT_ENVIRONMENTS, new ApprovalTerms(2, "sre", 900L))));

    @Test
    void combinesEveryFiringPolicy() {
        Evaluation evaluation = engine.evaluate(RISKY_PROD, PolicySelection.all());

        assertTrue(evaluation.requiresApproval());
        assertEquals(0.8, evaluation.riskScore());
        assertEquals(List.of("high_risk_keywords", "production_environment"), policies(evaluation));
        assertEquals(new ApprovalTerms(2, "sre", 900L), evaluation.terms(), "the strictest intervention's terms");
        assertEquals("rules-7", evaluation.ruleSetVersion());
        evaluation.interventions().forEach(intervention -> {
            assertEquals(Target.PLAN, intervention.target());
            assertEquals("1", intervention.policyVersion());
        });
    }

    @Test
    void aHarmlessEpisodeNeedsNoApproval() {
        Evaluation evaluation = engine.evaluate(HARMLESS, PolicySelection.all());

        assertFalse(evaluation.requiresApproval());
        assertEquals(0.0, evaluation.riskScore());
        assertEquals(List.of(), evaluation.interventions());
        assertEquals(ApprovalTerms.ANY_SINGLE_APPROVER, evaluation.terms());
    }

    @Test
    void selectingNoPoliciesLetsEverythingThrough() {
        Evaluation evaluation = engine.evaluate(RISKY_PROD, PolicySelection.none());

        assertFalse(evaluation.requiresApproval());
        assertEquals(List.of(), evaluation.interventions());
    }

    @Test
    void aListSelectsOnlyTheNamedPolicies() {
        Evaluation evaluation = engine.evaluate(RISKY_PROD, PolicySelection.named(List.of("high_risk_keywords")));

        assertEquals(List.of("high_risk_keywords"), policies(evaluation));
        assertEquals(0.8, evaluation.riskScore());
        assertEquals(ApprovalTerms.ANY_SINGLE_APPROVER, evaluation.terms());
    }

    @Test
    void anEmptyListSelectsNothing() {
        assertFalse(engine.evaluate(RISKY_PROD, PolicySelection.named(List.of())).requiresApproval());
    }

    @Test
    void anUnknownPolicyNameFailsClosed() {
        Evaluation evaluation = engine.evaluate(HARMLESS,
                PolicySelection.named(List.of("production_environment", "no_such_policy", "typo_keywords")));

        assertTrue(evaluation.requiresApproval());
        assertEquals(1.0, evaluation.riskScore());
        Intervention selection = evaluation.interventions().get(0);
        assertEquals(List.of("policy_selection"), policies(evaluation));
        assertEquals("unknown policy selected: no_such_policy, typo_keywords", selection.advice().patch().riskReason());
    }

    @Test
    void knownPoliciesStillRunBesideAnUnknownOne() {
        Evaluation evaluation = engine.evaluate(RISKY_PROD,
                PolicySelection.named(List.of("production_environment", "nope")));

        assertEquals(List.of("production_environment", "policy_selection"), policies(evaluation));
        assertEquals(new ApprovalTerms(2, "sre", 900L), evaluation.terms());
    }

    @Test
    void listsItsPoliciesInOrder() {
        assertEquals(List.of("high_risk_keywords", "production_environment"),
                engine.policies().stream().map(DirectedIntuition::name).toList());
    }

    @Test
    void strictnessPrefersMoreApproversThenRiskThenGroupThenShorterDeadline() {
        Intervention lenient = intervention(0.9, new ApprovalTerms(1, null, null));
        Intervention twoApprovers = intervention(0.1, new ApprovalTerms(2, null, 3600L));
        Intervention twoInGroup = intervention(0.1, new ApprovalTerms(2, "sre", 3600L));
        Intervention twoInGroupFaster = intervention(0.1, new ApprovalTerms(2, "dba", 60L));

        assertEquals(twoApprovers.advice().terms(),
                Evaluation.combine("r", List.of(lenient, twoApprovers)).terms());
        assertEquals(twoInGroup.advice().terms(),
                Evaluation.combine("r", List.of(twoApprovers, twoInGroup, lenient)).terms());
        assertEquals(twoInGroupFaster.advice().terms(),
                Evaluation.combine("r", List.of(twoInGroup, twoInGroupFaster)).terms());
        assertEquals(0.9, Evaluation.combine("r", List.of(lenient, twoInGroupFaster)).riskScore());
    }

    @Test
    void adviceThatNeedsNoApprovalSetsNoTerms() {
        Advice note = new Advice("note it", new Patch(false, null), "informational", 0.2,
                new ApprovalTerms(3, "sre", 10L));
        Evaluation evaluation = Evaluation.combine("r", List.of(new Intervention("notes", "1", Target.PLAN, note)));

        assertFalse(evaluation.requiresApproval());
        assertEquals(0.2, evaluation.riskScore());
        assertNull(evaluation.terms().approverGroup());
    }

    @Test
    void interventionsOnAProposedActionTargetTheAction() {
        Evaluation evaluation = engine.evaluate(RISKY_PROD.withAction(new ProposedAction("a1", "ls", null)),
                PolicySelection.all());

        evaluation.interventions().forEach(intervention -> assertEquals(Target.ACTION, intervention.target()));
    }

    @Test
    void anActionWithoutItsRequestFailsClosed() {
        Evaluation evaluation = engine.withoutRequestContext(new ProposedAction("a1", "ls", null));

        assertTrue(evaluation.requiresApproval());
        assertEquals(1.0, evaluation.riskScore());
        assertEquals(List.of("request_context"), policies(evaluation));
        assertEquals(Target.ACTION, evaluation.interventions().get(0).target());
        assertEquals("rules-7", evaluation.ruleSetVersion());
    }

    private static Intervention intervention(double risk, ApprovalTerms terms) {
        return new Intervention("p", "1", Target.PLAN,
                new Advice("hold", new Patch(true, "because"), "why", risk, terms));
    }

    private static List<String> policies(Evaluation evaluation) {
        return evaluation.interventions().stream().map(Intervention::policy).toList();
    }
}
