package io.noesis.approval.api;

import io.noesis.schemas.DecisionOutcome;

/**
 * The answer to an accepted approve or reject.
 *
 * @param verdict RECORDED (counted towards the quorum), RESUMED or REJECTED
 */
public record DecisionAnswer(
        String decisionId,
        String episodeId,
        String verdict,
        int approvals,
        int requiredApprovals,
        String commandId,
        String message) {

    static DecisionAnswer of(DecisionOutcome outcome) {
        return new DecisionAnswer(outcome.getDecisionId(), outcome.getEpisodeId(), outcome.getVerdict().name(),
                outcome.getApprovals(), outcome.getRequiredApprovals(), outcome.getCommandId(), outcome.getMessage());
    }

    /** The 202 answer: the decision is recorded but its outcome was not known in time. */
    public record StillJudging(String decisionId, String episodeId, String message) {
    }
}
