package io.noesis.approval.streams;

import io.noesis.approval.domain.Escalation;
import io.noesis.approval.domain.PendingApproval;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps two indexes of the pending table as its rounds open and close:
 * <ul>
 * <li>the queue order, queue position → episode id, so the first page of the queue is a short range scan
 * however many rounds wait. The table's changes carry no old value, so each round's indexed position is kept
 * too, to remove it when the round is replaced or closed;</li>
 * <li>the {@link DueIndex}, so the judge's punctuation reads only the rounds that fell due.</li>
 * </ul>
 */
class PendingIndexer implements Processor<String, PendingApproval, Void, Void> {

    private final Optional<Escalation> escalation;
    private KeyValueStore<String, String> queue;
    private KeyValueStore<String, String> positions;
    private KeyValueStore<String, String> due;

    PendingIndexer(Optional<Escalation> escalation) {
        this.escalation = escalation;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        queue = context.getStateStore(ApprovalTopology.QUEUE_INDEX_STORE);
        positions = context.getStateStore(ApprovalTopology.QUEUE_POSITION_STORE);
        due = context.getStateStore(ApprovalTopology.DUE_INDEX_STORE);
    }

    @Override
    public void process(Record<String, PendingApproval> change) {
        String episodeId = change.key();
        String indexed = positions.get(episodeId);
        if (indexed != null) {
            queue.delete(indexed);
        }
        PendingApproval round = change.value();
        if (round == null) {
            positions.delete(episodeId);
            return;
        }
        String position = round.position().indexKey();
        queue.put(position, episodeId);
        positions.put(episodeId, position);
        DueIndex.index(due, episodeId, round, escalation);
    }
}
