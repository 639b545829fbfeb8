package io.noesis.approval.streams;

import io.noesis.approval.domain.ApprovalTally;
import io.noesis.approval.domain.ClosedRound;
import io.noesis.approval.domain.Listing;
import io.noesis.approval.domain.PendingApproval;
import io.noesis.approval.domain.PendingStatus;
import io.noesis.approval.domain.RoundAdvice;
import io.noesis.schemas.Topics;
import io.noesis.service.instances.StreamsInstances;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries of this instance's pending rounds and their tallies, and which instance of the service owns
 * which episode. Until Kafka Streams is running the stores are unavailable and the queries throw
 * InvalidStateStoreException.
 */
@ApplicationScoped
public class ApprovalQueries {

    @Inject
    KafkaStreams streams;

    private StreamsInstances instances;

    @PostConstruct
    void knowTheInstances() {
        instances = new StreamsInstances(streams, this::localPartitions);
    }

    /**
     * The other instance to ask about the episode's round, or empty to answer here; local (a request another
     * instance forwarded) is answered here or not at all.
     */
    public Optional<HostInfo> ownerToAsk(String episodeId, boolean local) {
        return instances.ownerToAsk(ApprovalTopology.PENDING_STORE, episodeId, local);
    }

    /** The other instances that own partitions, each asked for its part of a list. */
    public List<HostInfo> otherInstances() {
        return instances.otherInstances();
    }

    /**
     * A page of the rounds awaiting a decision that match the filter, most urgent first, after the cursor's
     * position (from the start when it is null). Reads the queue index of every local partition in order and
     * stops once the page is full, so it costs the page, not the queue. A round the index names but the table
     * no longer holds is left out.
     */
    public Listing.Page<PendingStatus> pendingPage(Listing.Filter filter, Listing.Position after, int limit) {
        ReadOnlyKeyValueStore<String, PendingApproval> rounds = store(ApprovalTopology.PENDING_STORE);
        ReadOnlyKeyValueStore<String, ApprovalTally> tallies = store(ApprovalTopology.TALLY_STORE);
        String from = after == null ? null : after.indexKey();
        try (MergedQueueScan queue = new MergedQueueScan(localPartitions().stream()
                .map(partition -> this.<String>store(ApprovalTopology.QUEUE_INDEX_STORE, partition).range(from, null))
                .toList())) {
            Iterator<PendingStatus> matching = StreamSupport.stream(Spliterators.spliteratorUnknownSize(queue, Spliterator.ORDERED), false)
                    .filter(entry -> !entry.key.equals(from))
                    .map(entry -> rounds.get(entry.value))
                    .filter(round -> round != null && filter.matches(round))
                    .flatMap(round -> awaitingDecision(round, tallies.get(round.episodeId())).stream())
                    .iterator();
            return Listing.firstPage(matching, PendingStatus::position, limit);
        }
    }

    /** The episode log's partitions this instance's tasks own, hence the partitions of its stores. */
    private List<Integer> localPartitions() {
        return streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .filter(partition -> partition.topic().equals(Topics.EPISODE_EVENTS.name()))
                .map(TopicPartition::partition)
                .distinct()
                .toList();
    }

    /**
     * How many rounds of this instance await a decision, by approver group ("" for rounds any approver may
     * decide). Counts without building the listing, for the pending-approvals gauge.
     */
    public Map<String, Long> pendingCountByGroup() {
        ReadOnlyKeyValueStore<String, ApprovalTally> tallies = store(ApprovalTopology.TALLY_STORE);
        Map<String, Long> counts = new HashMap<>();
        try (KeyValueIterator<String, PendingApproval> all = this.<PendingApproval>store(ApprovalTopology.PENDING_STORE).all()) {
            all.forEachRemaining(entry -> {
                PendingApproval round = entry.value;
                if (!ApprovalTally.settles(tallies.get(round.episodeId()), round)) {
                    counts.merge(round.requiresGroup() ? round.approverGroup() : "", 1L, Long::sum);
                }
            });
        }
        return counts;
    }

    /** Every settled round of this instance, in no particular order. */
    public List<ClosedRound> closedRounds() {
        List<ClosedRound> closed = new ArrayList<>();
        try (KeyValueIterator<String, ClosedRound> all = this.<ClosedRound>store(ApprovalTopology.HISTORY_STORE).all()) {
            all.forEachRemaining(entry -> closed.add(entry.value));
        }
        return closed;
    }

    /**
     * Whether this instance's judge knows the episode's round: open (settled or not), or closed so recently that
     * its tally is kept, from which the judge tells why a late decision is refused (EXPIRED, ALREADY_DECIDED).
     */
    public boolean roundKnown(String episodeId) {
        return this.<PendingApproval>store(ApprovalTopology.PENDING_STORE).get(episodeId) != null
                || this.<ApprovalTally>store(ApprovalTopology.TALLY_STORE).get(episodeId) != null;
    }

    public Optional<PendingStatus> pendingApproval(String episodeId) {
        PendingApproval round = this.<PendingApproval>store(ApprovalTopology.PENDING_STORE).get(episodeId);
        return round == null ? Optional.empty()
                : awaitingDecision(round, this.<ApprovalTally>store(ApprovalTopology.TALLY_STORE).get(episodeId));
    }

    private static Optional<PendingStatus> awaitingDecision(PendingApproval round, ApprovalTally tally) {
        return ApprovalTally.settles(tally, round) ? Optional.empty() : Optional.of(PendingStatus.of(round, tally));
    }

    /** What the policies advised in the evaluation that opened the round. */
    public List<RoundAdvice.Advice> adviceFor(PendingApproval round) {
        RoundAdvice advice = this.<RoundAdvice>store(ApprovalTopology.ADVICE_STORE).get(round.episodeId());
        return advice == null ? List.of() : advice.forRound(round);
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore())
                .withPartition(partition));
    }
}
