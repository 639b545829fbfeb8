package io.noesis.approval.domain;

import java.time.Instant;
import java.util.List;

/**
 * An approval round that a decision or its deadline settled, kept for the decided history.
 *
 * @param closedBy   the command that settled it: RESUME (approved), REJECT or EXPIRE
 * @param approvers  who approved (RESUME) or rejected (REJECT); empty for EXPIRE
 * @param reason     the approvers' or the expiry's reason, if any
 */
public record ClosedRound(
        PendingApproval round,
        Command.Kind closedBy,
        List<String> approvers,
        String reason,
        Instant closedAt) {

    public ClosedRound {
        approvers = List.copyOf(approvers);
    }

    public static ClosedRound of(PendingApproval round, Command settling, Instant at) {
        return new ClosedRound(round, settling.kind(), settling.approvers(), settling.reason(), at);
    }

    /** The key of the history store: an episode may go through several rounds, one per evaluation. */
    public String historyKey() {
        return historyKey(round.episodeId(), round.evaluationId());
    }

    public Listing.Position position() {
        return position(round.deadline(), closedAt, round.episodeId(), round.evaluationId());
    }

    /** The history position of a round known only by what the API shows of it (another instance's answer). */
    public static Listing.Position position(Instant deadline, Instant closedAt, String episodeId, String evaluationId) {
        return new Listing.Position(deadline, closedAt, historyKey(episodeId, evaluationId));
    }

    private static String historyKey(String episodeId, String evaluationId) {
        return episodeId + "/" + evaluationId;
    }

    public boolean expired() {
        return closedBy == Command.Kind.EXPIRE;
    }
}
