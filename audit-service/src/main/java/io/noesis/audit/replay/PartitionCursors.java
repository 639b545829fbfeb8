package io.noesis.audit.replay;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A topic's scan with a cursor on each partition, each moved forward at its caller's pace: a rebuild follows
 * the audit log, which interleaves the source partitions in whatever order the live topology read them, and
 * must not hold a whole partition to do so. A partition is fetched only once its queue is empty and its
 * cursor is asked to move, so at most one poll's records of each partition are held, however long the topic.
 */
final class PartitionCursors<V> implements AutoCloseable {

    /**
     * What one fetch brings of a partition, and one poll hands over. The cursors hold what they fetched of every
     * partition while the comparison follows the others, long enough for it to outlive the young generation:
     * with Kafka's 1 MB a fetch and 500 records a poll, for the 42 source partitions, the rebuild collected its
     * old generation in full more often and left audit-service larger.
     */
    private static final int FETCH_BYTES_PER_PARTITION = 128 * 1024;
    private static final int RECORDS_PER_POLL = 100;

    private final TopicScan<V> scan;
    private final Progress progress;
    private final Map<TopicPartition, Deque<ConsumerRecord<String, V>>> queued = new HashMap<>();
    /** Per partition, the offset after the last record handed out: each record below it is done with. */
    private final Map<TopicPartition, Long> cursors;

    private PartitionCursors(TopicScan<V> scan, Progress progress) {
        this.scan = scan;
        this.progress = progress;
        this.cursors = new HashMap<>(scan.startOffsets());
        progress.expect(scan.span());
    }

    /** @param from the first record time to read, or null for the beginning (as {@link TopicScan#open}) */
    static <V> PartitionCursors<V> open(Map<String, Object> clientConfig, String topic, Deserializer<V> values,
            Instant from, Progress progress) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES_PER_PARTITION);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, RECORDS_PER_POLL);
        return new PartitionCursors<>(TopicScan.open(config, topic, values, from), progress);
    }

    Map<TopicPartition, Long> startOffsets() {
        return scan.startOffsets();
    }

    /** Whether the offset lies between where the scan started and the end it opened with. */
    boolean inRange(TopicPartition partition, long offset) {
        Long start = scan.startOffsets().get(partition);
        return start != null && offset >= start && offset < scan.endOffsets().get(partition);
    }

    /** Whether the cursor has already handed out or passed over the record at the offset. */
    boolean isPast(TopicPartition partition, long offset) {
        return offset < cursors.get(partition);
    }

    /** Moves the cursor up to the offset, handing over each record it passes, in offset order. */
    void passTo(TopicPartition partition, long offset, Consumer<ConsumerRecord<String, V>> passed) {
        for (ConsumerRecord<String, V> next = peek(partition); next != null && next.offset() < offset;
                next = peek(partition)) {
            passed.accept(take(partition));
        }
    }

    /** The record at the offset, taken, if it is the partition's next one; empty if the cursor finds none there. */
    Optional<ConsumerRecord<String, V>> takeAt(TopicPartition partition, long offset) {
        ConsumerRecord<String, V> next = peek(partition);
        return next != null && next.offset() == offset ? Optional.of(take(partition)) : Optional.empty();
    }

    /** Moves every cursor to its end offset, handing over the records left, partition by partition. */
    void drain(Consumer<ConsumerRecord<String, V>> left) {
        scan.startOffsets().keySet().stream().sorted(Comparator.comparingInt(TopicPartition::partition))
                .forEach(partition -> passTo(partition, Long.MAX_VALUE, left));
    }

    /** The partition's next record in range, fetched if none is queued; null at its end offset. */
    private ConsumerRecord<String, V> peek(TopicPartition partition) {
        Deque<ConsumerRecord<String, V>> queue = queued.computeIfAbsent(partition, unused -> new ArrayDeque<>());
        while (queue.isEmpty() && !scan.finished(partition)) {
            queue.addAll(scan.pollPartition(partition));
        }
        return queue.peekFirst();
    }

    private ConsumerRecord<String, V> take(TopicPartition partition) {
        ConsumerRecord<String, V> record = queued.get(partition).removeFirst();
        cursors.put(partition, record.offset() + 1);
        progress.advance();
        return record;
    }

    @Override
    public void close() {
        scan.close();
    }
}
