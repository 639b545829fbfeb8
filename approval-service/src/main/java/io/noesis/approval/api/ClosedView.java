package io.noesis.approval.api;

import io.noesis.approval.domain.ClosedRound;
import java.time.Instant;
import java.util.List;

/**
 * A settled round as the decided history shows it.
 *
 * @param outcome   APPROVED, REJECTED or EXPIRED
 * @param approvers who approved or rejected it; empty when it expired
 */
public record ClosedView(
        String episodeId,
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
        return new ClosedView(closed.round().episodeId(), closed.round().task(), closed.round().requestedBy(),
                closed.round().reasons(), closed.round().approverGroup(), closed.round().deadline(),
                outcomeOf(closed), closed.approvers(), closed.reason(), closed.closedAt());
    }

    private static String outcomeOf(ClosedRound closed) {
        return switch (closed.closedBy()) {
            case RESUME -> "APPROVED";
            case REJECT -> "REJECTED";
            case EXPIRE -> "EXPIRED";
        };
    }

    /** The history: GET /approvals?status=decided or status=expired; next_cursor is null on the last page. */
    public record History(List<ClosedView> approvals, String nextCursor) {
    }
}
