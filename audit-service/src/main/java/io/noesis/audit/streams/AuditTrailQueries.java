package io.noesis.audit.streams;

import io.noesis.audit.domain.AuditedDecision;
import io.noesis.audit.domain.ChainLink;
import io.noesis.audit.domain.DecisionFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers questions from the audit's stores. Each store has one partition and so lives on the one
 * instance that owns it; any other instance points the caller there.
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
        return ask(AuditTopology.TRAIL_STORE, TrailKeys.first(episodeId),
                (ReadOnlyKeyValueStore<String, ChainLink> trail) -> timelineIn(trail, episodeId));
    }

    /** The matching decisions in time order, at most limit of them. */
    public Answer<List<AuditedDecision>> decisions(DecisionFilter filter, int limit) {
        return ask(AuditTopology.DECISIONS_STORE, DecisionKeys.atOrAfter(filter.period().from()),
                (ReadOnlyKeyValueStore<String, AuditedDecision> decisions) -> decisionsIn(decisions, filter, limit));
    }

    private <V, T> Answer<T> ask(String storeName, String probeKey, Function<ReadOnlyKeyValueStore<String, V>, T> query) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new InvalidStateStoreException("the audit trail is " + streams.state());
        }
        ReadOnlyKeyValueStore<String, V> store;
        try {
            store = streams.store(StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
        } catch (InvalidStateStoreException notHere) {
            return owner(storeName, probeKey);
        }
        return new Answer.Found<>(query.apply(store));
    }

    /** Only asked when the local store is missing: comparing hosts is unreliable when the HTTP port is chosen at start. */
    private <T> Answer<T> owner(String storeName, String probeKey) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(storeName, probeKey, Serdes.String().serializer());
        if (owner == KeyQueryMetadata.NOT_AVAILABLE) {
            throw new InvalidStateStoreException("no instance holds " + storeName + " yet");
        }
        return new Answer.Elsewhere<>(owner.activeHost().host(), owner.activeHost().port());
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
