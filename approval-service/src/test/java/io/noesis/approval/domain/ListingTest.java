package io.noesis.approval.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void pagesFollowTheDeadlineOrderWithNeverExpiringRoundsLast() {
        List<PendingStatus> queue = List.of(status("ep-never", null), status("ep-late", NOW.plusSeconds(60)),
                status("ep-soon", NOW.plusSeconds(10)));

        Listing.Page<PendingStatus> first = Listing.page(queue, PendingStatus::position, null, 2);
        Listing.Page<PendingStatus> second = Listing.page(queue, PendingStatus::position,
                Listing.Position.fromCursor(first.nextCursor()), 2);

        assertEquals(List.of("ep-soon", "ep-late"), ids(first));
        assertEquals(List.of("ep-never"), ids(second));
        assertNull(second.nextCursor());
    }

    @Test
    void aRoundArrivingBetweenPagesNeitherRepeatsNorSkipsOthers() {
        List<PendingStatus> queue = new ArrayList<>(List.of(status("ep-1", NOW.plusSeconds(10)),
                status("ep-2", NOW.plusSeconds(20)), status("ep-3", NOW.plusSeconds(30))));
        Listing.Page<PendingStatus> first = Listing.page(queue, PendingStatus::position, null, 2);
        queue.add(status("ep-0", NOW.plusSeconds(5)));

        Listing.Page<PendingStatus> second = Listing.page(queue, PendingStatus::position,
                Listing.Position.fromCursor(first.nextCursor()), 2);

        assertEquals(List.of("ep-3"), ids(second));
    }

    @Test
    void pagesOfSeveralInstancesMergeInOrderAndPageOnWithTheSameCursor() {
        List<PendingStatus> first = List.of(status("ep-a1", NOW.plusSeconds(10)), status("ep-a2", NOW.plusSeconds(30)),
                status("ep-a3", null));
        List<PendingStatus> second = List.of(status("ep-b1", NOW.plusSeconds(20)), status("ep-b2", NOW.plusSeconds(40)));
        List<String> seen = new ArrayList<>();
        Listing.Position after = null;
        do {
            Listing.Position cursor = after;
            Listing.Page<PendingStatus> merged = Listing.merge(List.of(
                    Listing.page(first, PendingStatus::position, cursor, 2),
                    Listing.page(second, PendingStatus::position, cursor, 2)), PendingStatus::position, 2);
            seen.addAll(ids(merged));
            after = merged.nextCursor() == null ? null : Listing.Position.fromCursor(merged.nextCursor());
        } while (after != null);

        assertEquals(List.of("ep-a1", "ep-b1", "ep-a2", "ep-b2", "ep-a3"), seen);
    }

    @Test
    void aMergedPageHasANextCursorWhenAnInstanceHasMoreEvenIfNothingWasLeftOutHere() {
        Listing.Page<PendingStatus> full = new Listing.Page<>(List.of(status("ep-1", NOW.plusSeconds(10))),
                status("ep-1", NOW.plusSeconds(10)).position().toCursor());
        Listing.Page<PendingStatus> empty = new Listing.Page<>(List.of(), null);

        Listing.Page<PendingStatus> merged = Listing.merge(List.of(full, empty, full), PendingStatus::position, 1);

        assertEquals(List.of("ep-1"), ids(merged));
        assertEquals(full.nextCursor(), merged.nextCursor());
        assertNull(Listing.merge(List.of(empty, empty), PendingStatus::position, 1).nextCursor());
    }

    @Test
    void aCursorSurvivesItsRoundTripAndAForgedOneIsRefused() {
        Listing.Position never = new Listing.Position(null, NOW, "ep-1/eval-1");
        assertEquals(never, Listing.Position.fromCursor(never.toCursor()));
        assertThrows(IllegalArgumentException.class, () -> Listing.Position.fromCursor("bm90IGEgY3Vyc29y"));
        assertThrows(IllegalArgumentException.class, () -> Listing.Position.fromCursor("%%%"));
    }

    @Test
    void theFilterMatchesTheGroupExactlyAndTheTextAnywhereIgnoringCase() {
        PendingApproval round = status("ep-42", null).approval();

        assertTrue(new Listing.Filter("SRE", null).matches(round));
        assertFalse(new Listing.Filter("dba", null).matches(round));
        assertTrue(new Listing.Filter(null, "USERS").matches(round));
        assertTrue(new Listing.Filter(null, "destructive").matches(round));
        assertTrue(new Listing.Filter("sre", "rita").matches(round));
        assertFalse(new Listing.Filter(null, "invoices").matches(round));
    }

    private static PendingStatus status(String episodeId, Instant deadline) {
        return new PendingStatus(new PendingApproval(episodeId, "eval-" + episodeId, "REQUEST", null,
                "drop the users table", "rita", List.of("destructive statement"), 0.9, 1, "sre", deadline, NOW), 0);
    }

    private static List<String> ids(Listing.Page<PendingStatus> page) {
        return page.items().stream().map(status -> status.approval().episodeId()).toList();
    }
}
