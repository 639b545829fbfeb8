package io.noesis.audit.streams;

import io.noesis.audit.domain.ChainLink;
import io.noesis.schemas.AuditRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Files each link of the audit log under its episode and position: the trail is an index of the log, read
 * back from it, so the log is its only copy on the broker. Kafka Streams replays the log through this
 * processor to restore the index, and a link filed twice is the same entry.
 */
class TrailIndexer implements Processor<String, AuditRecord, Void, Void> {

    private KeyValueStore<String, ChainLink> trail;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.trail = context.getStateStore(AuditTopology.TRAIL_STORE);
    }

    @Override
    public void process(Record<String, AuditRecord> record) {
        AuditRecord link = record.value();
        if (link != null && link.getEpisodeId() != null) {
            trail.put(TrailKeys.of(link.getEpisodeId(), link.getPosition()), AuditRecords.toLink(link));
        }
    }
}
