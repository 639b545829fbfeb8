package io.noesis.benchmarks;

import io.noesis.schemas.Topic;
import io.noesis.schemas.serde.RegistrySerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a topic from its current end (read_committed, as an agent runtime reads) and notes, per
 * key, the moment the first matching record became readable.
 */
final class TopicWatcher<V> implements AutoCloseable {

    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    TopicWatcher(String bootstrapServers, RegistrySerdes serdes, Topic<V> topic, Predicate<V> match) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-watcher-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                // The watcher is the stopwatch: it must not wait out a long fetch before seeing a commit.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5),
                RegistrySerdes.keySerde().deserializer(), serdes.valueSerde(topic).deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(info -> new TopicPartition(topic.name(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        poller = new Thread(() -> {
            try (consumer) {
                while (running) {
                    consumer.poll(Duration.ofMillis(20)).forEach(record -> {
                        if (record.value() != null && match.test(record.value())) {
                            arrivals.putIfAbsent(record.key(), System.nanoTime());
                        }
                    });
                }
            }
        }, "watch-" + topic.name());
        poller.start();
    }

    Long arrival(String key) {
        return arrivals.get(key);
    }

    int count() {
        return arrivals.size();
    }

    /** Waits until n keys have arrived; false on timeout. */
    boolean awaitCount(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrivals.size() < n) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join();
    }
}
