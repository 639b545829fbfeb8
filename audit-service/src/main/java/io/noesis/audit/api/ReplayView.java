package io.noesis.audit.api;

import io.noesis.audit.replay.ReplayResult;
import io.noesis.audit.replay.Replays;
import java.time.Instant;
import java.util.Locale;

/**
 * A replay as JSON. read and span tell the progress: records read so far, and the offsets of the ranges
 * opened so far (an upper bound, as transaction markers take offsets too). passed is set once done.
 */
public record ReplayView(String id, String kind, Instant from, String state, Instant requestedAt, Instant finishedAt,
        long read, long span, Boolean passed, ReplayResult result, String error) {

    static ReplayView of(Replays.Replay replay) {
        ReplayResult result = replay.result();
        return new ReplayView(replay.id(), replay.kind().name().toLowerCase(Locale.ROOT), replay.from(),
                replay.state().name().toLowerCase(Locale.ROOT), replay.requestedAt(), replay.finishedAt(),
                replay.progress().read(), replay.progress().span(), result == null ? null : result.passed(), result,
                replay.error());
    }
}
