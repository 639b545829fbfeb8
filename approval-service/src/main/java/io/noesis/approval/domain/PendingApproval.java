package io.noesis.approval.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An episode paused for human approval: one round, identified by the policy evaluation that asked for it.
 *
 * @param subject  what was evaluated: REQUEST (the whole plan) or ACTION (a step proposed mid-run)
 * @param action   the proposed step when the subject is ACTION, otherwise null
 * @param deadline when the round expires; null means it never does
 */
public record PendingApproval(
        String episodeId,
        String evaluationId,
        String subject,
        ProposedStep action,
        String task,
        String requestedBy,
        List<String> reasons,
        double riskScore,
        int requiredApprovals,
        String approverGroup,
        Instant deadline,
        Instant awaitingSince) {

    public PendingApproval {
        reasons = List.copyOf(reasons);
        // A policy asking for zero approvals still paused the episode: one human must let it go on.
        requiredApprovals = Math.max(1, requiredApprovals);
    }

    /** The step an agent proposed mid-run, carried into the RESUME or REJECT so the runtime knows which one. */
    public record ProposedStep(String actionId, String action, String description) {
    }

    /** Where the round sits in the queue: by deadline, then by when it began waiting. */
    public Listing.Position position() {
        return position(deadline, awaitingSince, episodeId);
    }

    /** The queue position of a round known only by what the API shows of it (another instance's answer). */
    public static Listing.Position position(Instant deadline, Instant awaitingSince, String episodeId) {
        return new Listing.Position(deadline, awaitingSince, episodeId);
    }

    public boolean isOverdue(Instant now) {
        return deadline != null && now.isAfter(deadline);
    }

    /**
     * When the given part (0 to 1) of the time between the round's start and its deadline has passed; empty
     * for a round that never expires.
     */
    public Optional<Instant> escalatesAt(double partOfDeadline) {
        if (deadline == null) {
            return Optional.empty();
        }
        long allowedMillis = Duration.between(awaitingSince, deadline).toMillis();
        return Optional.of(awaitingSince.plusMillis(Math.round(allowedMillis * partOfDeadline)));
    }

    public boolean requiresGroup() {
        return approverGroup != null && !approverGroup.isBlank();
    }
}
