package io.noesis.approval.domain;

/** Why a decision was refused. */
public enum Refusal {
    NOT_PENDING,
    EXPIRED,
    ALREADY_DECIDED,
    ALREADY_APPROVED_BY_APPROVER,
    SELF_APPROVAL,
    NOT_IN_GROUP,
    DUPLICATE_DECISION
}
