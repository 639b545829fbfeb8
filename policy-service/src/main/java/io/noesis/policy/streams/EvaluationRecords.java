package io.noesis.policy.streams;

import io.noesis.policy.domain.Advice;
import io.noesis.policy.domain.EpisodeContext;
import io.noesis.policy.domain.Evaluation;
import io.noesis.policy.domain.Intervention;
import io.noesis.policy.domain.PolicySelection;
import io.noesis.policy.domain.ProposedAction;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeRequested;
import io.noesis.schemas.EvaluationSubject;
import io.noesis.schemas.InterventionPatch;
import io.noesis.schemas.InterventionTarget;
import io.noesis.schemas.PolicyEvaluation;
import java.util.List;

/** Translates between the episode log's Avro records and the policy domain. */
final class EvaluationRecords {

    static final String EVALUATION_ID_PREFIX = "eval-";

    static EpisodeContext contextOf(EpisodeRequested requested) {
        return new EpisodeContext(requested.getTask(), requested.getTags(), requested.getEnvironment());
    }

    static ProposedAction actionOf(io.noesis.schemas.ProposedAction proposed) {
        return new ProposedAction(proposed.getActionId(), proposed.getAction(), proposed.getDescription());
    }

    /** The Avro union null | boolean | array of names, as the request's policy selection. */
    static PolicySelection selectionOf(Object intuition) {
        if (intuition instanceof Boolean enabled) {
            return enabled ? PolicySelection.all() : PolicySelection.none();
        }
        if (intuition instanceof List<?> names) {
            return PolicySelection.named(names.stream().map(String::valueOf).toList());
        }
        return PolicySelection.all();
    }

    /**
     * The evaluation of the request (action null) or of an action the event proposed. Every value derives
     * from the event, so replaying the same event yields the same record.
     */
    static PolicyEvaluation evaluationOf(EpisodeEvent event, io.noesis.schemas.ProposedAction action,
            Evaluation evaluation) {
        return PolicyEvaluation.newBuilder()
                .setEvaluationId(EVALUATION_ID_PREFIX + event.getEventId())
                .setEpisodeId(event.getEpisodeId())
                .setSubject(action == null ? EvaluationSubject.REQUEST : EvaluationSubject.ACTION)
                .setAction(action)
                .setRequiresApproval(evaluation.requiresApproval())
                .setRiskScore(evaluation.riskScore())
                .setRequiredApprovals(evaluation.terms().requiredApprovals())
                .setApproverGroup(evaluation.terms().approverGroup())
                .setApprovalTimeoutSeconds(evaluation.terms().approvalTimeoutSeconds())
                .setRuleSetVersion(evaluation.ruleSetVersion())
                .setInterventions(evaluation.interventions().stream().map(EvaluationRecords::interventionOf).toList())
                .setEvaluatedAt(event.getTime())
                .build();
    }

    private static io.noesis.schemas.Intervention interventionOf(Intervention intervention) {
        Advice advice = intervention.advice();
        return io.noesis.schemas.Intervention.newBuilder()
                .setPolicy(intervention.policy())
                .setPolicyVersion(intervention.policyVersion())
                .setAdvice(advice.advice())
                .setPatch(new InterventionPatch(advice.patch().requiresApproval(), advice.patch().riskReason()))
                .setTarget(InterventionTarget.valueOf(intervention.target().name()))
                .setRationale(advice.rationale())
                .setRequiredApprovals(advice.terms().requiredApprovals())
                .setApproverGroup(advice.terms().approverGroup())
                .setApprovalTimeoutSeconds(advice.terms().approvalTimeoutSeconds())
                .build();
    }

    private EvaluationRecords() {
    }
}
