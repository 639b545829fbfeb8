package io.noesis.audit.domain;

import io.noesis.schemas.PolicyEvaluation;
import java.util.Locale;

/** The policies judged a request or an action. */
public final class EvaluationNarrator implements Narrator<PolicyEvaluation> {

    public static final String ACTOR = "policy-service";

    @Override
    public Narration narrate(PolicyEvaluation evaluation) {
        String verdict = evaluation.getRequiresApproval()
                ? "requires " + evaluation.getRequiredApprovals() + " approval(s)"
                : "needs no approval";
        String policies = Wording.listOf(evaluation.getInterventions().stream()
                .map(intervention -> intervention.getPolicy() + "@" + intervention.getPolicyVersion())
                .toList(), "none");
        return new Narration(ACTOR, "EVALUATED", String.format(Locale.ROOT,
                "%s of the %s: %s (risk %.2f, rule set %s); policies that intervened: %s",
                evaluation.getEvaluationId(), evaluation.getSubject(), verdict, evaluation.getRiskScore(),
                evaluation.getRuleSetVersion(), policies));
    }
}
