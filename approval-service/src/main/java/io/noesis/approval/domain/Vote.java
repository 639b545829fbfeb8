package io.noesis.approval.domain;

/** What an approver chose. */
public enum Vote {
    APPROVE,
    REJECT
}
