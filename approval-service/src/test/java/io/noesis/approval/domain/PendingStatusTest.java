package io.noesis.approval.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingStatusTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static PendingApproval round(String episodeId, Instant deadline) {
        return new PendingApproval(episodeId, "eval-" + episodeId, "REQUEST", null, "task", "requester", List.of(),
                0.5, 2, null, deadline, NOW);
    }

    @Test
    void theQueueListsTheEarliestDeadlineFirstAndNeverExpiringRoundsLast() {
        List<PendingStatus> queue = new ArrayList<>(List.of(
                PendingStatus.of(round("forever", null), null),
                PendingStatus.of(round("later", NOW.plusSeconds(600)), null),
                PendingStatus.of(round("soon", NOW.plusSeconds(60)), null)));

        queue.sort(PendingStatus.BY_URGENCY);

        assertEquals(List.of("soon", "later", "forever"),
                queue.stream().map(status -> status.approval().episodeId()).toList());
    }

    @Test
    void approvalsSoFarCountOnlyTheCurrentRound() {
        ApprovalTally tally = new ApprovalTally("eval-a",
                List.of(new ApprovalTally.Approval("alice", "d-1", null)), Map.of(), ApprovalTally.State.OPEN);

        assertEquals(1, PendingStatus.of(round("a", null), tally).approvals());
        assertEquals(0, PendingStatus.of(round("b", null), tally).approvals());
    }
}
