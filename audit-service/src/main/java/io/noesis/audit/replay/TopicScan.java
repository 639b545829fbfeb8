package io.noesis.audit.replay;

import io.noesis.schemas.serde.RegistryOutage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One pass over a topic's committed records, from the beginning or from a point in time, up to the end
 * offsets seen when the scan opened: records written later belong to a later scan. A plain consumer
 * with manual assignment; it holds one poll's records at a time, so a topic of any size is read in
 * constant memory. A record that cannot be deserialized is skipped, as the live topology skips it.
 */
public final class TopicScan<V> implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final int SCAN_FETCH_WAIT_MS = 5;

    private final KafkaConsumer<String, V> consumer;
    private final Map<TopicPartition, Long> startOffsets;
    private final Map<TopicPartition, Long> endOffsets;

    private TopicScan(KafkaConsumer<String, V> consumer, Map<TopicPartition, Long> startOffsets,
            Map<TopicPartition, Long> endOffsets) {
        this.consumer = consumer;
        this.startOffsets = startOffsets;
        this.endOffsets = endOffsets;
    }

    /** @param from the first record time to read (Kafka's offsetsForTimes), or null for the beginning */
    public static <V> TopicScan<V> open(Map<String, Object> clientConfig, String topic, Deserializer<V> values,
            Instant from) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A scan reads up to end offsets it already knows, so the broker need not hold a fetch waiting for new
        // records. With the default 500 ms it did, for every partition read to its end: a rebuild, which moves
        // among 40-odd partitions, waited 500 ms at each before it could fetch the next.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, SCAN_FETCH_WAIT_MS);
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> start = from == null ? consumer.beginningOffsets(partitions)
                    : offsetsAt(consumer, partitions, from, end);
            start.forEach(consumer::seek);
            return new TopicScan<>(consumer, Map.copyOf(start), Map.copyOf(end));
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    private static Map<TopicPartition, Long> offsetsAt(KafkaConsumer<String, ?> consumer,
            List<TopicPartition> partitions, Instant from, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
        Map<TopicPartition, Long> start = new HashMap<>();
        // No record at or after the time: the partition has nothing to read.
        partitions.forEach(partition -> start.put(partition,
                found.get(partition) == null ? end.get(partition) : found.get(partition).offset()));
        return start;
    }

    public Map<TopicPartition, Long> startOffsets() {
        return startOffsets;
    }

    public Map<TopicPartition, Long> endOffsets() {
        return endOffsets;
    }

    /** Offsets in the range: an upper bound of the records, as transaction markers take offsets too. */
    public long span() {
        return startOffsets.entrySet().stream().mapToLong(start -> endOffsets.get(start.getKey()) - start.getValue())
                .sum();
    }

    /** Hands each record in range to the visitor, partition by partition in offset order, until it answers false. */
    public void forEach(Predicate<ConsumerRecord<String, V>> visitor) {
        Set<TopicPartition> remaining = new HashSet<>(startOffsets.keySet());
        remaining.removeIf(this::finished);
        while (!remaining.isEmpty()) {
            for (ConsumerRecord<String, V> record : poll()) {
                if (beforeEnd(record) && !visitor.test(record)) {
                    return;
                }
            }
            remaining.removeIf(this::finished);
            consumer.pause(endOffsets.keySet().stream().filter(partition -> !remaining.contains(partition)).toList());
        }
    }

    /**
     * One poll of a single partition's records in range, with every other partition paused where it is: a
     * reader that follows the partitions at different paces fetches only the one it waits for, and so holds
     * no more than one poll's records of each. Empty when the poll found nothing (yet).
     */
    List<ConsumerRecord<String, V>> pollPartition(TopicPartition partition) {
        consumer.pause(consumer.assignment());
        consumer.resume(List.of(partition));
        return poll().records(partition).stream().filter(this::beforeEnd).toList();
    }

    /** Whether the partition is read up to the end offset the scan opened with. */
    boolean finished(TopicPartition partition) {
        return consumer.position(partition) >= endOffsets.get(partition);
    }

    private boolean beforeEnd(ConsumerRecord<String, V> record) {
        return record.offset() < endOffsets.get(new TopicPartition(record.topic(), record.partition()));
    }

    private ConsumerRecords<String, V> poll() {
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("The scan was interrupted");
        }
        try {
            return consumer.poll(POLL);
        } catch (RecordDeserializationException unreadable) {
            // Skipped unless only the registry's absence made it unreadable: then the next poll tries it again.
            boolean readableLater = RegistryOutage.isCauseOf(unreadable);
            consumer.seek(unreadable.topicPartition(), unreadable.offset() + (readableLater ? 0 : 1));
            if (readableLater) {
                RegistryOutage.pauseBeforeRetry();
            }
            return ConsumerRecords.empty();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
