package io.noesis.approval.domain;

import java.time.Instant;
import java.util.List;

/**
 * How the episode log says an approval round ended, whichever channel the decision came from: what the
 * people who were asked are told afterwards (the Slack message, for one).
 *
 * @param by       who approved, rejected or cancelled; empty when the round expired
 * @param reason   the reason given, if any
 * @param deadline the deadline that passed, when the round expired
 */
public record RoundEnd(Kind kind, List<String> by, String reason, Instant deadline) {

    public enum Kind {
        APPROVED("Approved"),
        REJECTED("Rejected"),
        EXPIRED("Expired"),
        CANCELLED("Cancelled");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public RoundEnd {
        by = List.copyOf(by);
    }

    /** One line: "Approved by bob", "Rejected by bob: no backup", "Expired: nobody decided by …". */
    public String summary() {
        return switch (kind) {
            case APPROVED, REJECTED, CANCELLED -> withReason(kind.label() + " by " + who());
            case EXPIRED -> deadline == null ? kind.label() : kind.label() + ": nobody decided by " + deadline;
        };
    }

    private String who() {
        return by.isEmpty() ? "an unnamed approver" : String.join(", ", by);
    }

    private String withReason(String text) {
        return reason == null || reason.isBlank() ? text : text + ": " + reason;
    }
}
