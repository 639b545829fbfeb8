package io.noesis.approval.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EscalationRulesTest {

    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
    private static final PendingApproval ROUND = round(2, START.plusSeconds(100));

    @Test
    void aRoundIsEscalatedOnceWhenThePartOfItsTimeHasPassed() {
        assertTrue(ApprovalRules.escalate(ROUND, null, START.plusSeconds(49), 0.5).isEmpty());

        ApprovalTally escalated = ApprovalRules.escalate(ROUND, null, START.plusSeconds(50), 0.5).orElseThrow();

        assertTrue(escalated.escalated());
        assertTrue(ApprovalRules.escalate(ROUND, escalated, START.plusSeconds(90), 0.5).isEmpty());
    }

    @Test
    void aRoundSomeoneApprovedOrThatNeverExpiresIsNotEscalated() {
        Judgement approved = ApprovalRules.judge(ROUND, null,
                new Decision("d-1", "ep-1", Vote.APPROVE, "alice", Set.of(), null), START.plusSeconds(10));

        assertTrue(ApprovalRules.escalate(ROUND, approved.tally().orElseThrow(), START.plusSeconds(60), 0.5).isEmpty());
        assertTrue(ApprovalRules.escalate(round(1, null), null, START.plusSeconds(100_000), 0.5).isEmpty());
    }

    @Test
    void theEscalationTimeIsThatPartOfTheWayFromTheStartToTheDeadline() {
        assertEquals(START.plusSeconds(75), ROUND.escalatesAt(0.75).orElseThrow());
        assertEquals(START, ROUND.escalatesAt(0).orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> new Escalation(1.5, (round, at) -> { }));
    }

    @Test
    void aRoundIsReviewedAtItsEscalationTimeAndAtItsDeadline() {
        Escalation halfway = new Escalation(0.5, (round, at) -> { });

        assertEquals(List.of(START.plusSeconds(50), START.plusSeconds(100)), ApprovalRules.reviewTimes(ROUND, Optional.of(halfway)));
        assertEquals(List.of(START.plusSeconds(100)), ApprovalRules.reviewTimes(ROUND, Optional.empty()));
        assertEquals(List.of(), ApprovalRules.reviewTimes(round(1, null), Optional.of(halfway)));
    }

    private static PendingApproval round(int required, Instant deadline) {
        return new PendingApproval("ep-1", "eval-1", "REQUEST", null, "drop the users table", "rita",
                List.of("destructive statement"), 0.9, required, null, deadline, START);
    }
}
