package io.noesis.approval.domain;

import java.util.Comparator;

/** A pending round as approvers see it in the queue: the request and how many approvals it has so far. */
public record PendingStatus(PendingApproval approval, int approvals) {

    /** Most urgent first; rounds that never expire last; the oldest first among equals. */
    public static final Comparator<PendingStatus> BY_URGENCY =
            Comparator.comparing(PendingStatus::position, Listing.Position.ORDER);

    public Listing.Position position() {
        return new Listing.Position(approval.deadline(), approval.awaitingSince(), approval.episodeId());
    }

    public static PendingStatus of(PendingApproval round, ApprovalTally stored) {
        int approvals = stored != null && stored.counts(round) ? stored.approvals().size() : 0;
        return new PendingStatus(round, approvals);
    }
}
