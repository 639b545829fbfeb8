package io.noesis.approval.domain;

import java.time.Instant;

/**
 * When the judge tells the escalation channel about a round nobody decides, and through what.
 *
 * @param partOfDeadline the part (0 to 1) of a round's time after which it is escalated
 */
public record Escalation(double partOfDeadline, Notifier notifier) {

    /** Delivers an escalation without blocking the stream thread. */
    @FunctionalInterface
    public interface Notifier {
        void escalate(PendingApproval round, Instant at);
    }

    public Escalation {
        if (partOfDeadline < 0 || partOfDeadline > 1) {
            throw new IllegalArgumentException("The part of the deadline must be from 0 to 1, not " + partOfDeadline);
        }
    }
}
