package io.noesis.approval.api;

import io.noesis.approval.domain.ClosedRound;
import io.noesis.approval.domain.Listing;
import io.noesis.approval.domain.PendingApproval;
import java.time.Instant;
import java.util.List;

/**
 * A settled round as the decided history shows it.
 *
 * @param evaluationId the policy evaluation that opened the round: an episode may go through several
 * @param outcome      APPROVED, REJECTED or EXPIRED
 * @param approvers    who approved or rejected it; empty when it expired
 */
public record ClosedView(
        String episodeId,
        String evaluationId,
        String task,
        String requestedBy,
        List<String> reasons,
        String approverGroup,
        Instant deadline,
        String outcome,
        List<String> approvers,
        String reason,
        Instant closedAt) {

    static ClosedView of(ClosedRound closed) {
        PendingApproval round = closed.round();
        return new ClosedView(round.episodeId(), round.evaluationId(), round.task(), round.requestedBy(), round.reasons(),
                round.approverGroup(), round.deadline(), outcomeOf(closed), closed.approvers(), closed.reason(),
                closed.closedAt());
    }

    private static String outcomeOf(ClosedRound closed) {
        return switch (closed.closedBy()) {
            case RESUME -> "APPROVED";
            case REJECT -> "REJECTED";
            case EXPIRE -> "EXPIRED";
        };
    }

    Listing.Position position() {
        return ClosedRound.position(deadline, closedAt, episodeId, evaluationId);
    }

    /** The history: GET /approvals?status=decided or status=expired; next_cursor is null on the last page. */
    public record History(List<ClosedView> approvals, String nextCursor) {

        Listing.Page<ClosedView> page() {
            return new Listing.Page<>(approvals, nextCursor);
        }
    }
}
