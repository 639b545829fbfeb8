package io.noesis.system;

import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows the episode log as it is committed (read_committed, as every reader of the system does) and
 * keeps the latest event type of each episode, telling a listener about each event. It reconnects by
 * itself while the broker is down.
 */
final class EpisodeLogWatch implements AutoCloseable {

    static final Set<EpisodeEventType> ENDINGS = Set.of(EpisodeEventType.COMPLETED, EpisodeEventType.FAILED,
            EpisodeEventType.REJECTED, EpisodeEventType.EXPIRED, EpisodeEventType.CANCELLED);

    private final Map<String, EpisodeEventType> latest = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    /** @param listener told of every event, on the watch's own thread: it must not block */
    EpisodeLogWatch(String bootstrapServers, RegistrySerdes serdes, BiConsumer<String, EpisodeEventType> listener) {
        KafkaConsumer<String, EpisodeEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                RegistrySerdes.keySerde().deserializer(), serdes.valueSerde(Topics.EPISODE_EVENTS).deserializer());
        String topic = Topics.EPISODE_EVENTS.name();
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = new Thread(() -> {
            try (consumer) {
                while (running) {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                        EpisodeEvent event = record.value();
                        if (event != null && event.getType() != EpisodeEventType.TRANSITION_REFUSED) {
                            latest.put(record.key(), event.getType());
                            listener.accept(record.key(), event.getType());
                        }
                    });
                }
            }
        }, "episode-log-watch");
        poller.start();
    }

    boolean hasEnded(String episodeId) {
        EpisodeEventType type = latest.get(episodeId);
        return type != null && ENDINGS.contains(type);
    }

    /** The latest event type of the episode, or null while the log has none. */
    EpisodeEventType latestOf(String episodeId) {
        return latest.get(episodeId);
    }

    long endedAmong(Collection<String> episodeIds) {
        return episodeIds.stream().filter(this::hasEnded).count();
    }

    /** Waits until every one of the episodes has ended; false when the time is up first. */
    boolean awaitEnded(Collection<String> episodeIds, Duration patience) throws InterruptedException {
        Instant giveUp = Instant.now().plus(patience);
        while (endedAmong(episodeIds) < episodeIds.size()) {
            if (Instant.now().isAfter(giveUp)) {
                return false;
            }
            Thread.sleep(500);
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(Duration.ofSeconds(10).toMillis());
    }
}
