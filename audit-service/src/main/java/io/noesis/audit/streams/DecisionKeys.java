package io.noesis.audit.streams;

import java.time.Instant;

/**
 * Keys of the decisions store: "epochMillis/decisionId", the time zero-padded to 19 digits so that the
 * store's byte order is the order of the decisions and a time range is one range scan.
 */
final class DecisionKeys {

    private static final String SEPARATOR = "/";
    private static final String FIRST_ID = "";
    private static final String PAST_ANY_ID = "\uffff";

    static String of(Instant decidedAt, String decisionId) {
        return millis(decidedAt.toEpochMilli()) + SEPARATOR + decisionId;
    }

    /** The lowest key at or after the instant; Instant.EPOCH when there is no lower bound. */
    static String atOrAfter(Instant from) {
        return millis(from == null ? 0 : from.toEpochMilli()) + SEPARATOR + FIRST_ID;
    }

    /** A key above every key before the instant; the end of time when there is no upper bound. */
    static String before(Instant to) {
        return to == null ? millis(Long.MAX_VALUE) + SEPARATOR + PAST_ANY_ID
                : millis(to.toEpochMilli() - 1) + SEPARATOR + PAST_ANY_ID;
    }

    private static String millis(long epochMillis) {
        return String.format("%019d", epochMillis);
    }

    private DecisionKeys() {
    }
}
