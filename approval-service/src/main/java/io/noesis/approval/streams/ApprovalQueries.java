package io.noesis.approval.streams;

import io.noesis.approval.domain.ApprovalTally;
import io.noesis.approval.domain.PendingApproval;
import io.noesis.approval.domain.PendingStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries of this instance's pending rounds and their tallies. Until Kafka Streams is running
 * the stores are unavailable and the queries throw InvalidStateStoreException.
 */
@ApplicationScoped
public class ApprovalQueries {

    @Inject
    KafkaStreams streams;

    /** Every pending round, most urgent first. */
    public List<PendingStatus> pendingApprovals() {
        ReadOnlyKeyValueStore<String, ApprovalTally> tallies = store(ApprovalTopology.TALLY_STORE);
        List<PendingStatus> pending = new ArrayList<>();
        try (KeyValueIterator<String, PendingApproval> rounds = this.<PendingApproval>store(ApprovalTopology.PENDING_STORE).all()) {
            rounds.forEachRemaining(round -> pending.add(PendingStatus.of(round.value, tallies.get(round.key))));
        }
        pending.sort(PendingStatus.BY_URGENCY);
        return pending;
    }

    public Optional<PendingStatus> pendingApproval(String episodeId) {
        PendingApproval round = this.<PendingApproval>store(ApprovalTopology.PENDING_STORE).get(episodeId);
        return round == null ? Optional.empty()
                : Optional.of(PendingStatus.of(round, this.<ApprovalTally>store(ApprovalTopology.TALLY_STORE).get(episodeId)));
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }
}
