package io.noesis.approval.domain;

/**
 * What became of one decision, as the approver is told.
 *
 * @param refusal   why it was refused; null unless the verdict is REFUSED
 * @param approvals approvals counted in the round after this decision
 * @param commandId the command this decision caused, if any
 */
public record Outcome(
        String decisionId,
        String episodeId,
        String approver,
        Verdict verdict,
        Refusal refusal,
        String message,
        int approvals,
        int requiredApprovals,
        String commandId) {

    public boolean accepted() {
        return verdict != Verdict.REFUSED;
    }
}
