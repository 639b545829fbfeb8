package io.noesis.approval.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
    void theQueueIndexListsTheEarliestDeadlineFirstAndNeverExpiringRoundsLast() {
        List<PendingApproval> queue = new ArrayList<>(List.of(round("forever", null),
                round("later", NOW.plusSeconds(600)), round("soon", NOW.plusSeconds(60)),
                round("long-ago", Instant.EPOCH.plusSeconds(5)), round("sooner-id-a", NOW.plusSeconds(60))));

        queue.sort(Comparator.comparing(round -> round.position().indexKey()));

        assertEquals(List.of("long-ago", "soon", "sooner-id-a", "later", "forever"),
                queue.stream().map(PendingApproval::episodeId).toList());
    }

    @Test
    void theIndexOrderIsTheListingOrder() {
        List<Listing.Position> positions = List.of(
                new Listing.Position(null, NOW, "z"), new Listing.Position(null, NOW.minusSeconds(1), "a"),
                new Listing.Position(NOW, NOW, "b"), new Listing.Position(NOW, NOW, "a"),
                new Listing.Position(NOW.plusMillis(1), NOW.minusSeconds(9), "c"),
                new Listing.Position(Instant.ofEpochMilli(9), NOW, "d"));

        List<Listing.Position> byIndexKey = positions.stream()
                .sorted(Comparator.comparing(Listing.Position::indexKey)).toList();

        assertEquals(positions.stream().sorted(Listing.Position.ORDER).toList(), byIndexKey);
    }

    @Test
    void approvalsSoFarCountOnlyTheCurrentRound() {
        ApprovalTally tally = new ApprovalTally("eval-a",
                List.of(new ApprovalTally.Approval("alice", "d-1", null)), Map.of(), ApprovalTally.State.OPEN);

        assertEquals(1, PendingStatus.of(round("a", null), tally).approvals());
        assertEquals(0, PendingStatus.of(round("b", null), tally).approvals());
    }
}
