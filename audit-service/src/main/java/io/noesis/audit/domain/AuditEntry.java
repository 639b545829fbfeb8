package io.noesis.audit.domain;

import java.time.Instant;

/** One record read from one topic, told as who did what, with where it was read so that it can be found again. */
public record AuditEntry(String episodeId, String actor, String action, String summary, String sourceTopic,
        int sourcePartition, long sourceOffset, Instant sourceTimestamp) {

    public static AuditEntry of(String episodeId, Narration narration, String sourceTopic, int sourcePartition,
            long sourceOffset, Instant sourceTimestamp) {
        return new AuditEntry(episodeId, narration.actor(), narration.action(), narration.summary(), sourceTopic,
                sourcePartition, sourceOffset, sourceTimestamp);
    }
}
