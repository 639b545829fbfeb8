package io.noesis.approval.domain;

/** A pending round as approvers see it in the queue: the request and how many approvals it has so far. */
public record PendingStatus(PendingApproval approval, int approvals) {

    public Listing.Position position() {
        return approval.position();
    }

    public static PendingStatus of(PendingApproval round, ApprovalTally stored) {
        int approvals = stored != null && stored.counts(round) ? stored.approvals().size() : 0;
        return new PendingStatus(round, approvals);
    }
}
