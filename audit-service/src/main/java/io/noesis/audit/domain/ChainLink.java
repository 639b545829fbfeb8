package io.noesis.audit.domain;

import java.time.Instant;

/** One link of the audit chain: an audit entry at its position, bound to the link before it by prevHash. */
public record ChainLink(long position, String sourceTopic, int sourcePartition, long sourceOffset,
        Instant sourceTimestamp, Instant recordedAt, String episodeId, String actor, String action, String summary,
        String prevHash, String hash) {

    ChainLink withHash(String newHash) {
        return new ChainLink(position, sourceTopic, sourcePartition, sourceOffset, sourceTimestamp, recordedAt,
                episodeId, actor, action, summary, prevHash, newHash);
    }
}
