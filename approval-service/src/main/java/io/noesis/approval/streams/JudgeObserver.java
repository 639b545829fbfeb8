package io.noesis.approval.streams;

import io.noesis.approval.domain.Command;
import io.noesis.approval.domain.Outcome;
import io.noesis.approval.domain.PendingApproval;
import java.time.Duration;

/**
 * What the judge reports as it settles decisions and rounds, so the service can count them (ApprovalMetrics).
 * Called on the stream thread: implementations must be quick and must not throw.
 */
public interface JudgeObserver {

    JudgeObserver NONE = new JudgeObserver() {
    };

    /** A decision was judged; channel is where the approver decided it. */
    default void judged(Outcome outcome, String channel) {
    }

    /** A decision settled its round: the command went out this long after the approver decided. */
    default void commandIssued(Command command, Duration sinceDecision) {
    }

    /** A round passed its deadline and its episode was expired. */
    default void expired(PendingApproval round) {
    }
}
