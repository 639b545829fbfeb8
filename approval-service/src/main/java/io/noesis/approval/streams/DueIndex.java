package io.noesis.approval.streams;

import io.noesis.approval.domain.ApprovalRules;
import io.noesis.approval.domain.Escalation;
import io.noesis.approval.domain.PendingApproval;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The rounds by the time after which the judge has to look at them (their escalation time and their deadline),
 * so that its punctuation reads the rounds that fell due instead of every pending round each second. A key is
 * the time in milliseconds, zero-padded so that keys sort by time, then the episode id; the value is the
 * episode id. An entry may outlive its round (one decided before it fell due): the judge finds no such round
 * pending, or one not due yet, and deletes the entry.
 */
final class DueIndex {

    private static final int MILLIS_DIGITS = 19;

    private DueIndex() {
    }

    /** Adds the round's review times to the index. */
    static void index(KeyValueStore<String, String> due, String episodeId, PendingApproval round,
            Optional<Escalation> escalation) {
        ApprovalRules.reviewTimes(round, escalation).forEach(at -> due.put(key(at, episodeId), episodeId));
    }

    static String key(Instant at, String episodeId) {
        return paddedMillis(at.toEpochMilli()) + "/" + episodeId;
    }

    /**
     * The upper bound of a range over the keys due before the millisecond: each key of an earlier millisecond
     * sorts before it, each of this or a later one after it (the episode id follows the time).
     */
    static String before(Instant now) {
        return paddedMillis(now.toEpochMilli());
    }

    private static String paddedMillis(long millis) {
        String digits = Long.toString(Math.max(0, millis));
        return "0".repeat(MILLIS_DIGITS - digits.length()) + digits;
    }
}
