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
