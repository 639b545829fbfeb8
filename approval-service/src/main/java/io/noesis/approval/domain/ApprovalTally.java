package io.noesis.approval.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The count of one approval round: who approved so far, every decision id already judged (so a retry gets
 * the same answer), and whether the round is still open.
 *
 * @param evaluationId the round this tally counts; a new AWAITING_APPROVAL for the episode starts a new one
 * @param escalated    whether the escalation channel was told the round is running out of time
 */
public record ApprovalTally(
        String evaluationId,
        List<Approval> approvals,
        Map<String, JudgedDecision> judged,
        State state,
        boolean escalated) {

    public enum State {
        OPEN,
        DECIDED,
        EXPIRED
    }

    public record Approval(String approver, String decisionId, String reason) {
    }

    public record JudgedDecision(Vote vote, Outcome outcome) {
    }

    public ApprovalTally {
        approvals = List.copyOf(approvals);
        judged = Map.copyOf(judged);
    }

    public ApprovalTally(String evaluationId, List<Approval> approvals, Map<String, JudgedDecision> judged, State state) {
        this(evaluationId, approvals, judged, state, false);
    }

    /** The stored tally if it counts this round, otherwise a fresh one: approvals never carry over between rounds. */
    public static ApprovalTally forRound(PendingApproval round, ApprovalTally stored) {
        return stored != null && stored.counts(round) ? stored
                : new ApprovalTally(round.evaluationId(), List.of(), Map.of(), State.OPEN);
    }

    public boolean counts(PendingApproval round) {
        return round != null && evaluationId.equals(round.evaluationId());
    }

    /** Whether this tally settled the round (decided or expired) while the episode log still shows it pending. */
    public static boolean settles(ApprovalTally stored, PendingApproval round) {
        return stored != null && stored.counts(round) && !stored.stillOpen();
    }

    public boolean stillOpen() {
        return state == State.OPEN;
    }

    public boolean approvedBy(String approver) {
        return approvals.stream().anyMatch(approval -> approval.approver().equals(approver));
    }

    public List<String> approvers() {
        return approvals.stream().map(Approval::approver).toList();
    }

    public List<String> approvalDecisionIds() {
        return approvals.stream().map(Approval::decisionId).toList();
    }

    ApprovalTally withApproval(Approval approval) {
        List<Approval> more = new ArrayList<>(approvals);
        more.add(approval);
        return new ApprovalTally(evaluationId, more, judged, state, escalated);
    }

    ApprovalTally withJudged(Vote vote, Outcome outcome) {
        Map<String, JudgedDecision> more = new HashMap<>(judged);
        more.put(outcome.decisionId(), new JudgedDecision(vote, outcome));
        return new ApprovalTally(evaluationId, approvals, more, state, escalated);
    }

    ApprovalTally in(State next) {
        return new ApprovalTally(evaluationId, approvals, judged, next, escalated);
    }

    ApprovalTally markedEscalated() {
        return new ApprovalTally(evaluationId, approvals, judged, state, true);
    }
}
