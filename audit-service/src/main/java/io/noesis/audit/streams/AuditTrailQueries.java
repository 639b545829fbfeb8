package io.noesis.audit.streams;

import io.noesis.audit.domain.AuditedDecision;
import io.noesis.audit.domain.ChainLink;
import io.noesis.audit.domain.DecisionFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers questions from the audit's stores. Every instance holds the whole trail; the decisions have one
 * partition and so live on the one instance that owns it, and any other instance points the caller there.
 */
@ApplicationScoped
public class AuditTrailQueries {

    /** What a lookup found (possibly nothing), or the instance that has it. */
    public sealed interface Answer<T> {
        record Found<T>(T value) implements Answer<T> {
        }

        record Elsewhere<T>(String host, int port) implements Answer<T> {
        }
    }

    @Inject
    KafkaStreams streams;

    /** @throws InvalidStateStoreException while the topology is starting or rebalancing (answered 503) */
    public Answer<List<ChainLink>> timeline(String episodeId) {
        return ask(AuditTopology.TRAIL_STORE,
                (ReadOnlyKeyValueStore<String, ChainLink> trail) -> timelineIn(trail, episodeId));
    }

    /** The matching decisions in time order, at most limit of them. */
    public Answer<List<AuditedDecision>> decisions(DecisionFilter filter, int limit) {
        return ask(AuditTopology.DECISIONS_STORE,
                (ReadOnlyKeyValueStore<String, AuditedDecision> decisions) -> decisionsIn(decisions, filter, limit));
    }

    /**
     * Kafka Streams hands out a store for any name and only finds out on the first read that this instance does
     * not hold it ("may have migrated"), so the read itself tells whether to answer here or point elsewhere.
     */
    private <V, T> Answer<T> ask(String storeName, Function<ReadOnlyKeyValueStore<String, V>, T> query) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new InvalidStateStoreException("the audit trail is " + streams.state());
        }
        try {
            return new Answer.Found<>(query.apply(
                    streams.store(StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()))));
        } catch (InvalidStateStoreException notHere) {
            return owner(storeName, notHere);
        }
    }

    /**
     * The other instance whose active task holds the store. Told apart from this one by the partitions its tasks
     * own, not by its advertised address, which a test on a random port does not match; when the owner is this
     * instance (its store still restoring) or is not known yet, the caller is told to retry (503).
     */
    private <T> Answer<T> owner(String storeName, InvalidStateStoreException notHere) {
        Set<TopicPartition> mine = localActivePartitions();
        return streams.streamsMetadataForStore(storeName).stream()
                .filter(instance -> instance.stateStoreNames().contains(storeName))
                .filter(instance -> !mine.containsAll(instance.topicPartitions()))
                .findFirst()
                .<Answer<T>>map(instance -> new Answer.Elsewhere<>(instance.host(), instance.port()))
                .orElseThrow(() -> notHere);
    }

    private Set<TopicPartition> localActivePartitions() {
        return streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .collect(Collectors.toSet());
    }

    static List<ChainLink> timelineIn(ReadOnlyKeyValueStore<String, ChainLink> trail, String episodeId) {
        List<ChainLink> links = new ArrayList<>();
        try (KeyValueIterator<String, ChainLink> range = trail.range(TrailKeys.first(episodeId),
                TrailKeys.last(episodeId))) {
            range.forEachRemaining(entry -> {
                if (TrailKeys.belongsTo(entry.key, episodeId)) {
                    links.add(entry.value);
                }
            });
        }
        return links;
    }

    static List<AuditedDecision> decisionsIn(ReadOnlyKeyValueStore<String, AuditedDecision> decisions,
            DecisionFilter filter, int limit) {
        List<AuditedDecision> matching = new ArrayList<>();
        try (KeyValueIterator<String, AuditedDecision> range = decisions.range(DecisionKeys.atOrAfter(filter.period().from()),
                DecisionKeys.before(filter.period().to()))) {
            while (range.hasNext() && matching.size() < limit) {
                AuditedDecision decision = range.next().value;
                if (filter.matches(decision)) {
                    matching.add(decision);
                }
            }
        }
        return matching;
    }
}
