package io.noesis.approval.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundEndTest {

    @Test
    void anApprovalNamesEveryApproverOfTheQuorumAndTheReason() {
        assertEquals("Approved by bob, carol: change ticket 42",
                new RoundEnd(RoundEnd.Kind.APPROVED, List.of("bob", "carol"), "change ticket 42", null).summary());
        assertEquals("Approved by bob", new RoundEnd(RoundEnd.Kind.APPROVED, List.of("bob"), null, null).summary());
    }

    @Test
    void aRejectionNamesTheRejecterAndTheReason() {
        assertEquals("Rejected by bob: no backup",
                new RoundEnd(RoundEnd.Kind.REJECTED, List.of("bob"), "no backup", null).summary());
    }

    @Test
    void anExpiryNamesTheDeadlineThatPassed() {
        assertEquals("Expired: nobody decided by 2026-11-25T12:00:00Z", new RoundEnd(RoundEnd.Kind.EXPIRED, List.of(),
                null, Instant.parse("2026-11-25T12:00:00Z")).summary());
        assertEquals("Expired", new RoundEnd(RoundEnd.Kind.EXPIRED, List.of(), null, null).summary());
    }

    @Test
    void aCancellationNamesWhoCancelled() {
        assertEquals("Cancelled by alice: wrong table",
                new RoundEnd(RoundEnd.Kind.CANCELLED, List.of("alice"), "wrong table", null).summary());
    }

    @Test
    void aBlankReasonAndAMissingNameStillReadWell() {
        assertEquals("Rejected by an unnamed approver", new RoundEnd(RoundEnd.Kind.REJECTED, List.of(), " ", null).summary());
    }
}
