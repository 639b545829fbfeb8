package io.noesis.approval.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How long settled rounds stay in the decided history, and the advice of episodes no longer awaiting a
 * decision stays beside them, before they are forgotten.
 *
 * @param period        how long an entry is kept after it was last written
 * @param checkInterval how often entries older than that are looked for and deleted
 */
public record Retention(Duration period, Duration checkInterval) {

    public static final Retention DEFAULT = new Retention(Duration.ofDays(30), Duration.ofMinutes(10));

    public Retention {
        if (period.isNegative() || period.isZero() || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("The retention and its check interval must be positive.");
        }
    }

    /** Whether something written at that time is still within the retention now. */
    public boolean keeps(Instant writtenAt, Instant now) {
        return !writtenAt.plus(period).isBefore(now);
    }
}
