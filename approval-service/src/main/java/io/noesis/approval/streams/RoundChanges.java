package io.noesis.approval.streams;

import io.noesis.approval.domain.PendingApproval;
import io.noesis.schemas.EpisodeEvent;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/**
 * The pending table's changes from the episode log: a round for each event that opens one, and a tombstone
 * for an event that closes the round, only while the table holds that round. Most episodes never ask a
 * person, and each of their endings would otherwise write a tombstone to the table, its changelog and the
 * queue's index.
 */
class RoundChanges implements FixedKeyProcessor<String, EpisodeEvent, PendingApproval> {

    private FixedKeyProcessorContext<String, PendingApproval> context;
    private TimestampedKeyValueStore<String, PendingApproval> rounds;

    @Override
    public void init(FixedKeyProcessorContext<String, PendingApproval> context) {
        this.context = context;
        this.rounds = context.getStateStore(ApprovalTopology.PENDING_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, EpisodeEvent> record) {
        EpisodeEvent event = record.value();
        if (event == null) {
            return;
        }
        if (AvroMapping.opensRound(event)) {
            context.forward(record.withValue(AvroMapping.pendingApproval(event)));
        } else if (AvroMapping.closesRound(event) && rounds.get(record.key()) != null) {
            context.forward(record.withValue(null));
        }
    }
}
