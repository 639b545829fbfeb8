package io.noesis.approval.streams;

import io.noesis.approval.domain.PendingApproval;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the queue order of the pending table as an index store: queue position → episode id, so the first
 * page of the queue is a short range scan however many rounds wait. The table's changes carry no old value,
 * so each round's indexed position is kept too, to remove it when the round is replaced or closed.
 */
class PendingQueueIndexer implements Processor<String, PendingApproval, Void, Void> {

    private KeyValueStore<String, String> queue;
    private KeyValueStore<String, String> positions;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        queue = context.getStateStore(ApprovalTopology.QUEUE_INDEX_STORE);
        positions = context.getStateStore(ApprovalTopology.QUEUE_POSITION_STORE);
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
    }
}
