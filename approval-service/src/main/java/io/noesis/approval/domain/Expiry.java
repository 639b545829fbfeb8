package io.noesis.approval.domain;

/** An overdue round closing: the EXPIRE command and the tally that remembers it was sent. */
public record Expiry(Command command, ApprovalTally tally) {
}
