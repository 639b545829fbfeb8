package io.noesis.audit.domain;

/** Which decisions an auditor asks for: a null criterion matches everything; the period is on the moment of the decision. */
public record DecisionFilter(String approver, String outcome, String channel, Period period) {

    public boolean matches(AuditedDecision decision) {
        return (approver == null || approver.equals(decision.approver()))
                && (outcome == null || outcome.equals(decision.outcome()))
                && (channel == null || channel.equals(decision.channel()))
                && period.contains(decision.decidedAt());
    }
}
