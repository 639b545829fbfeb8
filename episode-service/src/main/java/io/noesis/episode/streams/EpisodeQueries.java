package io.noesis.episode.streams;

import io.noesis.episode.domain.EpisodeFilter;
import io.noesis.episode.domain.EpisodeRequestRules;
import io.noesis.episode.domain.EpisodeState;
import io.noesis.schemas.EpisodeEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Interactive queries over this instance's stores, and which instance of the service owns what, from
 * the Kafka Streams metadata (every instance advertises its HTTP address as kafka-streams.application.server).
 */
@ApplicationScoped
public class EpisodeQueries {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaStreams streams;
    private final Duration readyTimeout;

    public EpisodeQueries(KafkaStreams streams,
            @ConfigProperty(name = "noesis.queries.ready-timeout", defaultValue = "PT5S") Duration readyTimeout) {
        this.streams = streams;
        this.readyTimeout = readyTimeout;
    }

    public Optional<EpisodeState> summary(String episodeId) {
        if (!EpisodeRequestRules.isEpisodeId(episodeId)) {
            return Optional.empty();
        }
        ReadOnlyKeyValueStore<String, EpisodeState> episodes = store(EpisodeStores.EPISODES);
        return Optional.ofNullable(episodes.get(episodeId));
    }

    /**
     * Up to limit of the episode's events in sequence order, from the given sequence number on; empty when
     * the episode is unknown.
     */
    public Optional<List<EpisodeEvent>> events(String episodeId, long fromSequence, int limit) {
        if (summary(episodeId).isEmpty()) {
            return Optional.empty();
        }
        ReadOnlyKeyValueStore<String, EpisodeEvent> events = store(EpisodeStores.EPISODE_EVENTS);
        List<EpisodeEvent> log = new ArrayList<>();
        try (KeyValueIterator<String, EpisodeEvent> range = events.range(
                EpisodeStores.eventKey(episodeId, fromSequence), EpisodeStores.lastEventKey(episodeId))) {
            while (log.size() < limit && range.hasNext()) {
                log.add(range.next().value);
            }
        }
        return Optional.of(log);
    }

    /**
     * Up to limit episodes that match the filter, the most recently created first, starting after the
     * index key of a previous page's last episode (or from the newest when continueAfter is null).
     */
    public EpisodePage newest(EpisodeFilter filter, int limit, String continueAfter) {
        ReadOnlyKeyValueStore<String, EpisodeState> episodes = store(EpisodeStores.EPISODES);
        // The index is sorted within each partition's store only: take the first matches of each and merge.
        // One more than the limit per partition tells whether another page follows.
        TreeMap<String, EpisodeState> newest = new TreeMap<>();
        for (int partition : localPartitions()) {
            newest.putAll(firstMatches(indexOfPartition(partition), episodes, filter, limit + 1, continueAfter));
        }
        List<Map.Entry<String, EpisodeState>> page = newest.entrySet().stream().limit(limit).toList();
        String last = newest.size() > limit ? page.get(page.size() - 1).getKey() : null;
        return new EpisodePage(page.stream().map(Map.Entry::getValue).toList(), last);
    }

    /** The other instance that owns the episode, or empty when this one does. */
    public Optional<HostInfo> remoteOwner(String episodeId) {
        Set<Integer> local = localPartitions();
        KeyQueryMetadata owner = streams.queryMetadataForKey(EpisodeStores.EPISODES, episodeId, Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new StoresUnavailableException("the owner of episode " + episodeId + " is not known now (rebalancing)", null);
        }
        return local.contains(owner.partition()) ? Optional.empty() : Optional.of(owner.activeHost());
    }

    /**
     * The other instances that own partitions. This one is told apart by its partitions rather than by its
     * advertised address, which a test run on a random port does not match.
     */
    public List<HostInfo> otherInstances() {
        Set<Integer> local = localPartitions();
        Collection<StreamsMetadata> instances = streams.metadataForAllStreamsClients();
        if (instances.isEmpty()) {
            throw new StoresUnavailableException("the instances of the service are not known now (rebalancing)", null);
        }
        return instances.stream()
                .filter(instance -> instance.topicPartitions().stream().anyMatch(p -> !local.contains(p.partition())))
                .map(StreamsMetadata::hostInfo)
                .distinct()
                .toList();
    }

    private static Map<String, EpisodeState> firstMatches(ReadOnlyKeyValueStore<String, String> index,
            ReadOnlyKeyValueStore<String, EpisodeState> episodes, EpisodeFilter filter, int wanted, String continueAfter) {
        Map<String, EpisodeState> matches = new TreeMap<>();
        try (KeyValueIterator<String, String> sorted = continueAfter == null ? index.all() : index.range(continueAfter, null)) {
            while (matches.size() < wanted && sorted.hasNext()) {
                KeyValue<String, String> entry = sorted.next();
                // The processor writes the index just before the episode, so a query may fall between the two.
                EpisodeState episode = episodes.get(entry.value);
                if (entry.key.equals(continueAfter) || episode == null) {
                    continue;
                }
                if (filter.isTooOld(episode)) {
                    break;
                }
                if (filter.matches(episode)) {
                    matches.put(entry.key, episode);
                }
            }
        }
        return matches;
    }

    private Set<Integer> localPartitions() {
        awaitRunning();
        return streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .map(TopicPartition::partition)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private ReadOnlyKeyValueStore<String, String> indexOfPartition(int partition) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(EpisodeStores.EPISODE_INDEX,
                    QueryableStoreTypes.<String, String>keyValueStore()).withPartition(partition));
        } catch (InvalidStateStoreException e) {
            throw new StoresUnavailableException("store " + EpisodeStores.EPISODE_INDEX + " is not queryable now", e);
        }
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        awaitRunning();
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new StoresUnavailableException("store " + name + " is not queryable now", e);
        }
    }

    /** A query that arrives during start-up or a rebalance waits a little rather than failing at once. */
    private void awaitRunning() {
        Instant giveUp = Instant.now().plus(readyTimeout);
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (Instant.now().isAfter(giveUp)) {
                throw new StoresUnavailableException("Kafka Streams is " + streams.state() + ", not RUNNING", null);
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoresUnavailableException("interrupted while waiting for Kafka Streams", e);
        }
    }
}
