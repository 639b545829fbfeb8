package io.noesis.policy.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The combined verdict of the selected policies. The episode needs approval when any intervention asks
 * for it; the terms of that approval are those of the strictest such intervention.
 */
public record Evaluation(boolean requiresApproval, double riskScore, ApprovalTerms terms, String ruleSetVersion,
        List<Intervention> interventions) {

    /** More approvers is stricter; then the riskier finding; then a named group; then the shorter deadline. */
    static final Comparator<Intervention> STRICTNESS = Comparator
            .comparingInt((Intervention i) -> i.advice().terms().requiredApprovals())
            .thenComparingDouble(i -> i.advice().riskScore())
            .thenComparing(i -> i.advice().terms().approverGroup() != null)
            .thenComparing(i -> i.advice().terms().approvalTimeoutSeconds(),
                    Comparator.nullsFirst(Comparator.<Long>reverseOrder()));

    public Evaluation {
        interventions = List.copyOf(interventions);
    }

    public static Evaluation combine(String ruleSetVersion, List<Intervention> interventions) {
        Optional<Intervention> strictest = interventions.stream()
                .filter(Intervention::requiresApproval)
                .max(STRICTNESS);
        double riskScore = interventions.stream().mapToDouble(i -> i.advice().riskScore()).max().orElse(0.0);
        ApprovalTerms terms = strictest.map(i -> i.advice().terms()).orElse(ApprovalTerms.ANY_SINGLE_APPROVER);
        return new Evaluation(strictest.isPresent(), riskScore, terms, ruleSetVersion, interventions);
    }
}
