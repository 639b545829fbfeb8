package io.noesis.audit.streams;

import io.noesis.audit.domain.ChainLink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers timeline questions from the audit-trail store. The trail lives on the one instance that owns
 * the single chain partition; any other instance points the caller there.
 */
@ApplicationScoped
public class AuditTrailQueries {

    /** What a timeline lookup found: the links (possibly none), or the instance that has them. */
    public sealed interface Timeline {
        record Found(List<ChainLink> links) implements Timeline {
        }

        record Elsewhere(String host, int port) implements Timeline {
        }
    }

    @Inject
    KafkaStreams streams;

    /** @throws InvalidStateStoreException while the topology is starting or rebalancing (answered 503) */
    public Timeline timeline(String episodeId) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new InvalidStateStoreException("the audit trail is " + streams.state());
        }
        try {
            return new Timeline.Found(localLinks(episodeId));
        } catch (InvalidStateStoreException notHere) {
            return owner(episodeId);
        }
    }

    /** Only asked when the local store is missing: comparing hosts is unreliable when the HTTP port is chosen at start. */
    private Timeline owner(String episodeId) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(AuditTopology.TRAIL_STORE, TrailKeys.first(episodeId),
                Serdes.String().serializer());
        if (owner == KeyQueryMetadata.NOT_AVAILABLE) {
            throw new InvalidStateStoreException("no instance holds the audit trail yet");
        }
        return new Timeline.Elsewhere(owner.activeHost().host(), owner.activeHost().port());
    }

    private List<ChainLink> localLinks(String episodeId) {
        return timelineIn(streams.store(StoreQueryParameters.fromNameAndType(AuditTopology.TRAIL_STORE,
                QueryableStoreTypes.keyValueStore())), episodeId);
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
}
