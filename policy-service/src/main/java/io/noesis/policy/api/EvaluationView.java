package io.noesis.policy.api;

import io.noesis.policy.domain.Advice;
import io.noesis.policy.domain.Evaluation;
import io.noesis.policy.domain.Intervention;
import io.noesis.policy.domain.Target;
import java.util.List;

/** A dry-run evaluation as JSON, shaped like the PolicyEvaluation record the topology writes. */
public record EvaluationView(String subject, boolean requiresApproval, double riskScore, int requiredApprovals, String approverGroup,
        Long approvalTimeoutSeconds, String ruleSetVersion, List<InterventionView> interventions) {

    public record InterventionView(String policy, String policyVersion, String advice, PatchView patch, String target,
            String rationale, double riskScore, int requiredApprovals, String approverGroup,
            Long approvalTimeoutSeconds) {

        static InterventionView of(Intervention intervention) {
            Advice advice = intervention.advice();
            return new InterventionView(intervention.policy(), intervention.policyVersion(), advice.advice(),
                    new PatchView(advice.patch().requiresApproval(), advice.patch().riskReason()),
                    intervention.target().name(), advice.rationale(), advice.riskScore(),
                    advice.terms().requiredApprovals(), advice.terms().approverGroup(),
                    advice.terms().approvalTimeoutSeconds());
        }
    }

    public record PatchView(boolean requiresApproval, String riskReason) {
    }

    static EvaluationView of(Target target, Evaluation evaluation) {
        return new EvaluationView(target == Target.PLAN ? "REQUEST" : "ACTION", evaluation.requiresApproval(), evaluation.riskScore(),
                evaluation.terms().requiredApprovals(), evaluation.terms().approverGroup(),
                evaluation.terms().approvalTimeoutSeconds(), evaluation.ruleSetVersion(),
                evaluation.interventions().stream().map(InterventionView::of).toList());
    }
}
