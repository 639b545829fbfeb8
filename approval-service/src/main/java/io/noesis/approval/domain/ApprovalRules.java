package io.noesis.approval.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rules of approval: which decisions count, when a quorum resumes an episode, when one rejection
 * stops it, and when an unanswered round expires.
 */
public final class ApprovalRules {

    private ApprovalRules() {
    }

    /**
     * Judges one decision against the pending round (null when the episode is not awaiting approval) and
     * the round's stored tally (null when none). Checks run in a fixed order so that a retried decision id
     * always meets the same answer as the first time.
     */
    public static Judgement judge(PendingApproval round, ApprovalTally stored, Decision decision, Instant now) {
        if (round == null) {
            Outcome notPending = refusal(decision, Refusal.NOT_PENDING,
                    "Episode " + decision.episodeId() + " is not awaiting approval.", 0, 0);
            return new Judgement(notPending, Optional.empty(), Optional.empty());
        }
        ApprovalTally tally = ApprovalTally.forRound(round, stored);
        if (tally.state() == ApprovalTally.State.EXPIRED || round.isOverdue(now)) {
            return refuse(round, tally, decision, Refusal.EXPIRED, "The approval deadline " + round.deadline() + " has passed.");
        }
        ApprovalTally.JudgedDecision earlier = tally.judged().get(decision.decisionId());
        if (earlier != null) {
            return earlier.vote() == decision.vote()
                    ? new Judgement(earlier.outcome(), Optional.empty(), Optional.of(tally))
                    : refuse(round, tally, decision, Refusal.DUPLICATE_DECISION, "Decision id " + decision.decisionId()
                            + " was already used for " + earlier.vote().name().toLowerCase() + ".");
        }
        Optional<Objection> objection = objectionTo(round, tally, decision);
        if (objection.isPresent()) {
            Outcome refused = refusal(decision, objection.get().refusal(), objection.get().message(),
                    tally.approvals().size(), round.requiredApprovals());
            return new Judgement(refused, Optional.empty(), Optional.of(tally.withJudged(decision.vote(), refused)));
        }
        return decision.vote() == Vote.REJECT ? reject(round, tally, decision) : approve(round, tally, decision);
    }

    /**
     * The times after which the judge has something to do for a round if nobody decides it first: escalate it
     * (when escalation is on) and expire it. None for a round that never expires.
     */
    public static List<Instant> reviewTimes(PendingApproval round, Optional<Escalation> escalation) {
        if (round.deadline() == null) {
            return List.of();
        }
        return escalation.flatMap(policy -> round.escalatesAt(policy.partOfDeadline()))
                .map(escalatesAt -> List.of(escalatesAt, round.deadline()))
                .orElse(List.of(round.deadline()));
    }

    /** The EXPIRE for a round past its deadline that nobody decided, once: the returned tally remembers it. */
    public static Optional<Expiry> expire(PendingApproval round, ApprovalTally stored, Instant now) {
        ApprovalTally tally = ApprovalTally.forRound(round, stored);
        if (!round.isOverdue(now) || !tally.stillOpen()) {
            return Optional.empty();
        }
        Command expire = Command.of(Command.Kind.EXPIRE, round, List.of(), List.of(),
                "No decision before the deadline " + round.deadline() + ".");
        return Optional.of(new Expiry(expire, tally.in(ApprovalTally.State.EXPIRED)));
    }

    /**
     * The tally marked escalated, once, when the given part of the round's time has passed and nobody has
     * approved or rejected it yet.
     */
    public static Optional<ApprovalTally> escalate(PendingApproval round, ApprovalTally stored, Instant now,
            double partOfDeadline) {
        ApprovalTally tally = ApprovalTally.forRound(round, stored);
        boolean undecided = tally.stillOpen() && tally.approvals().isEmpty() && !tally.escalated();
        return round.escalatesAt(partOfDeadline)
                .filter(due -> undecided && !now.isBefore(due))
                .map(due -> tally.markedEscalated());
    }

    /** A rule a decision breaks, with the sentence the approver is told. */
    private record Objection(Refusal refusal, String message) {
    }

    private static Optional<Objection> objectionTo(PendingApproval round, ApprovalTally tally, Decision decision) {
        if (!tally.stillOpen()) {
            return Optional.of(new Objection(Refusal.ALREADY_DECIDED,
                    "The approval round of episode " + round.episodeId() + " is already decided."));
        }
        if (decision.approver().equals(round.requestedBy())) {
            return Optional.of(new Objection(Refusal.SELF_APPROVAL,
                    decision.approver() + " requested episode " + round.episodeId() + " and cannot decide on it."));
        }
        if (round.requiresGroup() && !decision.approverGroups().contains(round.approverGroup())) {
            return Optional.of(new Objection(Refusal.NOT_IN_GROUP,
                    decision.approver() + " is not in approver group " + round.approverGroup() + "."));
        }
        if (tally.approvedBy(decision.approver())) {
            return Optional.of(new Objection(Refusal.ALREADY_APPROVED_BY_APPROVER,
                    decision.approver() + " already approved this round."));
        }
        return Optional.empty();
    }

    private static Judgement reject(PendingApproval round, ApprovalTally tally, Decision decision) {
        Command reject = Command.of(Command.Kind.REJECT, round, List.of(decision.decisionId()),
                List.of(decision.approver()), decision.reason());
        Outcome rejected = new Outcome(decision.decisionId(), round.episodeId(), decision.approver(), Verdict.REJECTED,
                null, decision.approver() + " rejected episode " + round.episodeId() + ".", tally.approvals().size(),
                round.requiredApprovals(), reject.commandId());
        ApprovalTally decided = tally.in(ApprovalTally.State.DECIDED).withJudged(Vote.REJECT, rejected);
        return new Judgement(rejected, Optional.of(reject), Optional.of(decided));
    }

    private static Judgement approve(PendingApproval round, ApprovalTally tally, Decision decision) {
        ApprovalTally counted = tally.withApproval(
                new ApprovalTally.Approval(decision.approver(), decision.decisionId(), decision.reason()));
        int approvals = counted.approvals().size();
        int required = round.requiredApprovals();
        if (approvals < required) {
            Outcome recorded = new Outcome(decision.decisionId(), round.episodeId(), decision.approver(), Verdict.RECORDED,
                    null, "Approval " + approvals + " of " + required + " recorded.", approvals, required, null);
            return new Judgement(recorded, Optional.empty(), Optional.of(counted.withJudged(Vote.APPROVE, recorded)));
        }
        Command resume = Command.of(Command.Kind.RESUME, round, counted.approvalDecisionIds(), counted.approvers(),
                joinedReasons(counted));
        Outcome resumed = new Outcome(decision.decisionId(), round.episodeId(), decision.approver(), Verdict.RESUMED,
                null, "Approved by " + approvals + " of " + required + ": episode " + round.episodeId() + " resumes.",
                approvals, required, resume.commandId());
        ApprovalTally decided = counted.in(ApprovalTally.State.DECIDED).withJudged(Vote.APPROVE, resumed);
        return new Judgement(resumed, Optional.of(resume), Optional.of(decided));
    }

    private static String joinedReasons(ApprovalTally tally) {
        String reasons = tally.approvals().stream()
                .map(ApprovalTally.Approval::reason)
                .filter(Objects::nonNull)
                .filter(reason -> !reason.isBlank())
                .collect(Collectors.joining("; "));
        return reasons.isEmpty() ? null : reasons;
    }

    private static Judgement refuse(PendingApproval round, ApprovalTally tally, Decision decision, Refusal why, String message) {
        Outcome refused = refusal(decision, why, message, tally.approvals().size(), round.requiredApprovals());
        return new Judgement(refused, Optional.empty(), Optional.of(tally));
    }

    private static Outcome refusal(Decision decision, Refusal why, String message, int approvals, int required) {
        return new Outcome(decision.decisionId(), decision.episodeId(), decision.approver(), Verdict.REFUSED, why,
                message, approvals, required, null);
    }
}
