package io.noesis.approval.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Retention WEEK = new Retention(Duration.ofDays(7), Duration.ofMinutes(1));

    @Test
    void anEntryIsKeptUntilTheRetentionHasFullyPassed() {
        assertTrue(WEEK.keeps(NOW.minus(Duration.ofDays(7)), NOW));
        assertFalse(WEEK.keeps(NOW.minus(Duration.ofDays(7)).minusMillis(1), NOW));
        assertTrue(WEEK.keeps(NOW, NOW));
    }

    @Test
    void theDefaultKeepsThirtyDays() {
        assertEquals(Duration.ofDays(30), Retention.DEFAULT.period());
    }

    @Test
    void aRetentionOrCheckIntervalThatIsNotPositiveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Retention(Duration.ZERO, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new Retention(Duration.ofDays(1), Duration.ofSeconds(-1)));
    }
}
