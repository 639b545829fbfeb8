package io.noesis.approval.api;

import io.noesis.approval.domain.Listing;
import io.noesis.approval.domain.PendingApproval;
import io.noesis.approval.domain.PendingStatus;
import io.noesis.approval.domain.RoundAdvice;
import java.time.Instant;
import java.util.List;

/**
 * A pending approval as the API shows it; deadline null means it never expires.
 *
 * @param interventions the policies' advice and rationale that led to the round
 */
public record ApprovalView(
        String episodeId,
        String task,
        String requestedBy,
        List<String> reasons,
        double riskScore,
        int requiredApprovals,
        int approvals,
        String approverGroup,
        Instant deadline,
        Instant awaitingSince,
        String subject,
        PendingApproval.ProposedStep action,
        List<RoundAdvice.Advice> interventions) {

    static ApprovalView of(PendingStatus status, List<RoundAdvice.Advice> interventions) {
        PendingApproval round = status.approval();
        return new ApprovalView(round.episodeId(), round.task(), round.requestedBy(), round.reasons(),
                round.riskScore(), round.requiredApprovals(), status.approvals(), round.approverGroup(),
                round.deadline(), round.awaitingSince(), round.subject(), round.action(), interventions);
    }

    Listing.Position position() {
        return PendingApproval.position(deadline, awaitingSince, episodeId);
    }

    /** The queue: GET /approvals?status=pending; next_cursor is null on the last page. */
    public record Queue(List<ApprovalView> approvals, String nextCursor) {

        Listing.Page<ApprovalView> page() {
            return new Listing.Page<>(approvals, nextCursor);
        }
    }
}
