package io.noesis.policy.domain;

/**
 * Who must approve and how fast: distinct approvers, the group they must belong to (null: any approver)
 * and how long the approval may stay pending (null: the approval service's default).
 */
public record ApprovalTerms(int requiredApprovals, String approverGroup, Long approvalTimeoutSeconds) {

    public static final ApprovalTerms ANY_SINGLE_APPROVER = new ApprovalTerms(1, null, null);

    public ApprovalTerms {
        if (requiredApprovals < 1) {
            throw new IllegalArgumentException("required approvals must be at least 1, was " + requiredApprovals);
        }
        if (approvalTimeoutSeconds != null && approvalTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("approval timeout must be positive, was " + approvalTimeoutSeconds);
        }
    }
}
