package io.noesis.approval.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What the policies advised in an episode's latest evaluation, shown to approvers beside the round it led to.
 *
 * @param evaluationId the evaluation the advice belongs to; advice of an earlier evaluation is dropped
 */
public record RoundAdvice(String evaluationId, List<Advice> advice) {

    public static final RoundAdvice NONE = new RoundAdvice("", List.of());

    /** One policy's intervention. */
    public record Advice(String policy, String advice, String rationale, String riskReason) {
    }

    public RoundAdvice {
        advice = List.copyOf(advice);
    }

    public RoundAdvice with(String evaluation, Advice more) {
        List<Advice> collected = new ArrayList<>(evaluation.equals(evaluationId) ? advice : List.of());
        collected.add(more);
        return new RoundAdvice(evaluation, collected);
    }

    /** The advice that led to the round, or none when it came from another evaluation. */
    public List<Advice> forRound(PendingApproval round) {
        return round.evaluationId().equals(evaluationId) ? advice : List.of();
    }
}
