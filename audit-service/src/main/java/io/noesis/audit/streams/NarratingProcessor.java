package io.noesis.audit.streams;

import io.noesis.audit.domain.AuditEntry;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Tells one topic's records as audit entries, with the source coordinates that only the processor
 * context knows. A record without a key still enters the chain (under the empty key), just in no
 * episode's timeline.
 */
class NarratingProcessor<V> implements Processor<String, V, String, AuditEntry> {

    static final String NO_EPISODE = "";

    private final AuditedSource<V> source;
    private ProcessorContext<String, AuditEntry> context;

    NarratingProcessor(AuditedSource<V> source) {
        this.source = source;
    }

    @Override
    public void init(ProcessorContext<String, AuditEntry> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.value() == null) {
            return;
        }
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        AuditEntry entry = source.tell(record.key(), record.value(), metadata.partition(), metadata.offset(),
                record.timestamp());
        context.forward(record.withKey(Objects.requireNonNullElse(record.key(), NO_EPISODE)).withValue(entry));
    }
}
