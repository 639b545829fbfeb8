package io.noesis.audit.streams;

import io.noesis.audit.domain.AuditedDecision;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Files each decision under its time, so that questions over a period read one key range. */
class DecisionRecordingProcessor implements Processor<String, AuditedDecision, Void, Void> {

    private KeyValueStore<String, AuditedDecision> decisions;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.decisions = context.getStateStore(AuditTopology.DECISIONS_STORE);
    }

    @Override
    public void process(Record<String, AuditedDecision> record) {
        AuditedDecision decision = record.value();
        decisions.put(DecisionKeys.of(decision.decidedAt(), decision.decisionId()), decision);
    }
}
