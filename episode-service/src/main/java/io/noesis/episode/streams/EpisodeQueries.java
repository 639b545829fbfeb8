package io.noesis.episode.streams;

import io.noesis.episode.domain.EpisodeFilter;
import io.noesis.episode.domain.EpisodeRequestRules;
import io.noesis.episode.domain.EpisodeState;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.service.instances.StreamsInstances;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Interactive queries over this instance's stores, and which instance of the service owns which episode. */
@ApplicationScoped
public class EpisodeQueries {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaStreams streams;
    private final Duration readyTimeout;
    private final StreamsInstances instances;

    public EpisodeQueries(KafkaStreams streams,
            @ConfigProperty(name = "noesis.queries.ready-timeout", defaultValue = "PT5S") Duration readyTimeout) {
        this.streams = streams;
        this.readyTimeout = readyTimeout;
        this.instances = new StreamsInstances(streams, this::localPartitions);
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

    /**
     * The other instance to ask about the episode, or empty to answer here; local (a request another instance
     * forwarded) is answered here or not at all.
     */
    public Optional<HostInfo> ownerToAsk(String episodeId, boolean local) {
        return instances.ownerToAsk(EpisodeStores.EPISODES, episodeId, local);
    }

    /** The other instances that own partitions, each asked for its part of a list. */
    public List<HostInfo> otherInstances() {
        return instances.otherInstances();
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
