package io.noesis.service.instances;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which instance of the service owns what, from the Kafka Streams metadata: every instance advertises its HTTP
 * address as kafka-streams.application.server. This instance is told apart by the partitions its tasks own
 * rather than by its advertised address, which a test run on a random port does not match.
 */
public final class StreamsInstances {

    private final KafkaStreams streams;
    private final Supplier<? extends Collection<Integer>> localPartitions;

    /** localPartitions: the partitions of the keyed stores that this instance's active tasks own now. */
    public StreamsInstances(KafkaStreams streams, Supplier<? extends Collection<Integer>> localPartitions) {
        this.streams = streams;
        this.localPartitions = localPartitions;
    }

    /**
     * The instance to ask about the key, or empty to answer here. A request another instance forwarded
     * (local) is answered here or not at all, so that two instances with different views never pass it back
     * and forth.
     */
    public Optional<HostInfo> ownerToAsk(String store, String key, boolean local) {
        Optional<HostInfo> owner = remoteOwner(store, key);
        if (local && owner.isPresent()) {
            throw new InstanceUnavailableException(key + " has moved to " + owner.get(), null);
        }
        return owner;
    }

    /** The other instance that owns the key's partition of the store (string keys), or empty when this one does. */
    public Optional<HostInfo> remoteOwner(String store, String key) {
        Collection<Integer> local = localPartitions.get();
        requireMetadata();
        KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new InstanceUnavailableException("the owner of " + key + " is not known now (rebalancing)", null);
        }
        return local.contains(owner.partition()) ? Optional.empty() : Optional.of(owner.activeHost());
    }

    /** The other instances that own partitions, each once. */
    public List<HostInfo> otherInstances() {
        Collection<Integer> local = localPartitions.get();
        requireMetadata();
        Collection<StreamsMetadata> instances = streams.metadataForAllStreamsClients();
        if (instances.isEmpty()) {
            throw new InstanceUnavailableException("the instances of the service are not known now (rebalancing)", null);
        }
        return instances.stream()
                .filter(instance -> instance.topicPartitions().stream().anyMatch(p -> !local.contains(p.partition())))
                .map(StreamsMetadata::hostInfo)
                .distinct()
                .toList();
    }

    /** Kafka Streams refuses metadata queries (with an exception the APIs would answer 500) unless it runs. */
    private void requireMetadata() {
        KafkaStreams.State state = streams.state();
        if (!state.isRunningOrRebalancing()) {
            throw new InstanceUnavailableException("Kafka Streams is " + state + ": which instance owns what is not known now", null);
        }
    }
}
