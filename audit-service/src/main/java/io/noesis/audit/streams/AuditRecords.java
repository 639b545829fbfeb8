package io.noesis.audit.streams;

import io.noesis.audit.domain.ChainLink;
import io.noesis.schemas.AuditRecord;

/** Converts chain links to the audit log's Avro records and back, field for field. */
public final class AuditRecords {

    public static AuditRecord toRecord(ChainLink link) {
        return AuditRecord.newBuilder()
                .setPosition(link.position())
                .setSourceTopic(link.sourceTopic())
                .setSourcePartition(link.sourcePartition())
                .setSourceOffset(link.sourceOffset())
                .setSourceTimestamp(link.sourceTimestamp())
                .setRecordedAt(link.recordedAt())
                .setEpisodeId(link.episodeId())
                .setActor(link.actor())
                .setAction(link.action())
                .setSummary(link.summary())
                .setPrevHash(link.prevHash())
                .setHash(link.hash())
                .build();
    }

    public static ChainLink toLink(AuditRecord record) {
        return new ChainLink(record.getPosition(), record.getSourceTopic(), record.getSourcePartition(),
                record.getSourceOffset(), record.getSourceTimestamp(), record.getRecordedAt(), record.getEpisodeId(),
                record.getActor(), record.getAction(), record.getSummary(), record.getPrevHash(), record.getHash());
    }

    private AuditRecords() {
    }
}
