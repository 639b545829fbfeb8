package io.noesis.audit.streams;

import io.noesis.audit.domain.AuditChain;
import io.noesis.audit.domain.AuditEntry;
import io.noesis.audit.domain.ChainLink;
import io.noesis.audit.domain.ChainState;
import io.noesis.schemas.AuditRecord;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Appends each entry to the one chain. It runs on a single partition, so exactly one task owns the
 * chain's head; with exactly-once processing the head and the output commit together.
 */
class ChainingProcessor implements Processor<String, AuditEntry, String, AuditRecord> {

    static final String HEAD = "head";

    private ProcessorContext<String, AuditRecord> context;
    private KeyValueStore<String, ChainState> chain;

    @Override
    public void init(ProcessorContext<String, AuditRecord> context) {
        this.context = context;
        this.chain = context.getStateStore(AuditTopology.CHAIN_STORE);
    }

    @Override
    public void process(Record<String, AuditEntry> record) {
        ChainState state = Objects.requireNonNullElse(chain.get(HEAD), ChainState.START);
        ChainLink link = AuditChain.append(state, record.value(),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        chain.put(HEAD, state.after(link));
        context.forward(record.withKey(link.episodeId()).withValue(AuditRecords.toRecord(link)));
    }
}
