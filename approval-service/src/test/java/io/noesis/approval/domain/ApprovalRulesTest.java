package io.noesis.approval.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovalRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static PendingApproval round(String evaluationId, int requiredApprovals, String group, Instant deadline) {
        return new PendingApproval("ep-1", evaluationId, "REQUEST", null, "drop the users table", "requester",
                List.of("destructive"), 0.9, requiredApprovals, group, deadline, NOW.minusSeconds(60));
    }

    private static PendingApproval round(int requiredApprovals) {
        return round("eval-1", requiredApprovals, null, NOW.plus(Duration.ofHours(1)));
    }

    private static Decision decision(String id, Vote vote, String approver, String... groups) {
        return new Decision(id, "ep-1", vote, approver, Set.of(groups), "looked at it");
    }

    private static Judgement judge(PendingApproval round, ApprovalTally tally, Decision decision) {
        return ApprovalRules.judge(round, tally, decision, NOW);
    }

    @Test
    void aSingleApprovalMeetingTheQuorumResumesWithADeterministicCommand() {
        Judgement judgement = judge(round(1), null, decision("d-1", Vote.APPROVE, "alice"));

        assertEquals(Verdict.RESUMED, judgement.outcome().verdict());
        Command resume = judgement.command().orElseThrow();
        assertEquals(Command.Kind.RESUME, resume.kind());
        assertEquals("ep-1-eval-1-resume", resume.commandId());
        assertEquals(List.of("alice"), resume.approvers());
        assertEquals(List.of("d-1"), resume.decisionIds());
        assertEquals("ep-1-eval-1-resume", judgement.outcome().commandId());
        assertEquals(ApprovalTally.State.DECIDED, judgement.tally().orElseThrow().state());
    }

    @Test
    void aQuorumOfTwoNeedsTwoApproversAndResumesWithBoth() {
        Judgement first = judge(round(2), null, decision("d-1", Vote.APPROVE, "alice"));
        assertEquals(Verdict.RECORDED, first.outcome().verdict());
        assertEquals(1, first.outcome().approvals());
        assertEquals(2, first.outcome().requiredApprovals());
        assertTrue(first.command().isEmpty());

        Decision second = new Decision("d-2", "ep-1", Vote.APPROVE, "bob", Set.of(), "fine by me");
        Judgement quorum = judge(round(2), first.tally().orElseThrow(), second);

        assertEquals(Verdict.RESUMED, quorum.outcome().verdict());
        assertEquals(2, quorum.outcome().approvals());
        Command resume = quorum.command().orElseThrow();
        assertEquals(List.of("alice", "bob"), resume.approvers());
        assertEquals(List.of("d-1", "d-2"), resume.decisionIds());
        assertEquals("looked at it; fine by me", resume.reason());
    }

    @Test
    void oneRejectionVetoesTheRoundEvenAfterApprovals() {
        Judgement approved = judge(round(2), null, decision("d-1", Vote.APPROVE, "alice"));
        Judgement veto = judge(round(2), approved.tally().orElseThrow(), decision("d-2", Vote.REJECT, "bob"));

        assertEquals(Verdict.REJECTED, veto.outcome().verdict());
        Command reject = veto.command().orElseThrow();
        assertEquals(Command.Kind.REJECT, reject.kind());
        assertEquals("ep-1-eval-1-reject", reject.commandId());
        assertEquals(List.of("bob"), reject.approvers());
        assertEquals(List.of("d-2"), reject.decisionIds());
        assertEquals("looked at it", reject.reason());
    }

    @Test
    void aDecisionWithoutAPendingRoundIsRefusedNotPending() {
        Judgement judgement = judge(null, null, decision("d-1", Vote.APPROVE, "alice"));

        assertRefused(Refusal.NOT_PENDING, judgement);
        assertTrue(judgement.tally().isEmpty());
    }

    @Test
    void aDecisionAfterTheDeadlineIsRefusedExpired() {
        PendingApproval overdue = round("eval-1", 1, null, NOW.minusSeconds(1));

        assertRefused(Refusal.EXPIRED, judge(overdue, null, decision("d-1", Vote.APPROVE, "alice")));
    }

    @Test
    void aRoundWithoutDeadlineNeverExpires() {
        PendingApproval forever = round("eval-1", 1, null, null);

        assertEquals(Verdict.RESUMED, ApprovalRules.judge(forever, null, decision("d-1", Vote.APPROVE, "alice"),
                NOW.plus(Duration.ofDays(3650))).outcome().verdict());
        assertTrue(ApprovalRules.expire(forever, null, NOW.plus(Duration.ofDays(3650))).isEmpty());
    }

    @Test
    void retryingADecisionIdGivesTheSameOutcomeAndNoSecondCommand() {
        Judgement first = judge(round(2), null, decision("d-1", Vote.APPROVE, "alice"));
        Judgement retry = judge(round(2), first.tally().orElseThrow(), decision("d-1", Vote.APPROVE, "alice"));

        assertEquals(first.outcome(), retry.outcome());
        assertTrue(retry.command().isEmpty());
        assertEquals(1, retry.tally().orElseThrow().approvals().size());
    }

    @Test
    void retryingTheQuorumCompletingDecisionRepeatsResumedWithoutASecondResume() {
        Judgement resumed = judge(round(1), null, decision("d-1", Vote.APPROVE, "alice"));
        Judgement retry = judge(round(1), resumed.tally().orElseThrow(), decision("d-1", Vote.APPROVE, "alice"));

        assertEquals(Verdict.RESUMED, retry.outcome().verdict());
        assertTrue(retry.command().isEmpty());
    }

    @Test
    void reusingADecisionIdForTheOtherVoteIsRefusedDuplicate() {
        Judgement first = judge(round(2), null, decision("d-1", Vote.APPROVE, "alice"));

        assertRefused(Refusal.DUPLICATE_DECISION,
                judge(round(2), first.tally().orElseThrow(), decision("d-1", Vote.REJECT, "alice")));
    }

    @Test
    void aDecisionAfterTheRoundIsDecidedIsRefusedAlreadyDecided() {
        Judgement resumed = judge(round(1), null, decision("d-1", Vote.APPROVE, "alice"));

        assertRefused(Refusal.ALREADY_DECIDED,
                judge(round(1), resumed.tally().orElseThrow(), decision("d-2", Vote.REJECT, "bob")));
    }

    @Test
    void theRequesterCannotApproveTheirOwnEpisode() {
        assertRefused(Refusal.SELF_APPROVAL, judge(round(1), null, decision("d-1", Vote.APPROVE, "requester")));
    }

    @Test
    void anApproverOutsideTheRequiredGroupIsRefused() {
        PendingApproval sreOnly = round("eval-1", 1, "sre", NOW.plusSeconds(60));

        assertRefused(Refusal.NOT_IN_GROUP, judge(sreOnly, null, decision("d-1", Vote.APPROVE, "alice", "dba")));
        assertEquals(Verdict.RESUMED, judge(sreOnly, null, decision("d-2", Vote.APPROVE, "bob", "sre", "dba"))
                .outcome().verdict());
    }

    @Test
    void anApproverCountsOnceTowardsTheQuorum() {
        Judgement first = judge(round(2), null, decision("d-1", Vote.APPROVE, "alice"));
        Judgement again = judge(round(2), first.tally().orElseThrow(), decision("d-2", Vote.APPROVE, "alice"));

        assertRefused(Refusal.ALREADY_APPROVED_BY_APPROVER, again);
        assertEquals(1, again.outcome().approvals());
    }

    @Test
    void aRefusedDecisionIdRetriedGetsTheSameRefusal() {
        Judgement refused = judge(round(1), null, decision("d-1", Vote.APPROVE, "requester"));
        Judgement retry = judge(round(1), refused.tally().orElseThrow(), decision("d-1", Vote.APPROVE, "requester"));

        assertEquals(refused.outcome(), retry.outcome());
    }

    @Test
    void aNewEvaluationStartsAFreshTally() {
        Judgement oldRound = judge(round(1), null, decision("d-1", Vote.APPROVE, "alice"));
        PendingApproval nextRound = round("eval-2", 1, null, NOW.plusSeconds(60));

        Judgement judgement = judge(nextRound, oldRound.tally().orElseThrow(), decision("d-2", Vote.APPROVE, "alice"));

        assertEquals(Verdict.RESUMED, judgement.outcome().verdict());
        assertEquals("ep-1-eval-2-resume", judgement.command().orElseThrow().commandId());
    }

    @Test
    void anOverdueUndecidedRoundExpiresOnce() {
        PendingApproval overdue = round("eval-1", 1, null, NOW.minusSeconds(1));

        Expiry expiry = ApprovalRules.expire(overdue, null, NOW).orElseThrow();

        assertEquals(Command.Kind.EXPIRE, expiry.command().kind());
        assertEquals("ep-1-eval-1-expire", expiry.command().commandId());
        assertTrue(ApprovalRules.expire(overdue, expiry.tally(), NOW.plusSeconds(5)).isEmpty());
        assertRefused(Refusal.EXPIRED, ApprovalRules.judge(overdue, expiry.tally(),
                decision("d-1", Vote.APPROVE, "alice"), NOW));
    }

    @Test
    void aDecidedRoundDoesNotExpireAndAnOpenOneWaitsForItsDeadline() {
        PendingApproval round = round(1);
        Judgement resumed = judge(round, null, decision("d-1", Vote.APPROVE, "alice"));
        Instant afterDeadline = round.deadline().plusSeconds(1);

        assertTrue(ApprovalRules.expire(round, resumed.tally().orElseThrow(), afterDeadline).isEmpty());
        assertTrue(ApprovalRules.expire(round, null, NOW).isEmpty());
    }

    @Test
    void aZeroQuorumStillNeedsOneApproval() {
        assertEquals(1, round(0).requiredApprovals());
    }

    private static void assertRefused(Refusal refusal, Judgement judgement) {
        assertEquals(Verdict.REFUSED, judgement.outcome().verdict());
        assertEquals(refusal, judgement.outcome().refusal());
        assertTrue(judgement.command().isEmpty());
        assertNull(judgement.outcome().commandId());
        assertTrue(!judgement.outcome().accepted());
    }
}
