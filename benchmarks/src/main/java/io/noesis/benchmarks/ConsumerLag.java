package io.noesis.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far behind the services' consumers are, from the broker's committed offsets: a measurement starts only
 * once every group has read what the phase before it wrote, so that no figure pays for another's backlog.
 */
final class ConsumerLag implements AutoCloseable {

    /** The services' groups (Kafka Streams application ids, the reference agent); the harness's own readers are not waited for. */
    private static final String SERVICE_GROUPS = "noesis-";
    /** A transaction's commit marker takes an offset no consumer commits past: one per partition is no lag. */
    private static final long MARKER = 1;
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private final Admin admin;

    ConsumerLag(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Waits until every service's consumer group has caught up with its topics' committed ends, or fails. */
    void awaitCaughtUp() throws InterruptedException, ExecutionException {
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (totalLag() > 0) {
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("the services did not catch up within " + PATIENCE
                        + "; records still unread: " + totalLag());
            }
            Thread.sleep(200);
        }
    }

    /** Records not yet read, summed over the services' groups and partitions, not counting a commit marker each. */
    long totalLag() throws InterruptedException, ExecutionException {
        long lag = 0;
        for (Map<TopicPartition, OffsetAndMetadata> committed : serviceGroupOffsets()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset() - MARKER);
            }
        }
        return lag;
    }

    /**
     * The offsets the services' groups have committed, summed: what they have read so far, each record once per
     * group that reads it, transaction markers included (as the broker's written offsets include them).
     */
    long recordsRead() throws InterruptedException, ExecutionException {
        long read = 0;
        for (Map<TopicPartition, OffsetAndMetadata> committed : serviceGroupOffsets()) {
            read += committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
        return read;
    }

    /** Each service group's committed offsets, by partition; partitions with none are left out. */
    private List<Map<TopicPartition, OffsetAndMetadata>> serviceGroupOffsets() throws InterruptedException, ExecutionException {
        List<Map<TopicPartition, OffsetAndMetadata>> groups = new ArrayList<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            if (group.groupId().startsWith(SERVICE_GROUPS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get());
                committed.values().removeIf(Objects::isNull);
                groups.add(committed);
            }
        }
        return groups;
    }

    @Override
    public void close() {
        admin.close();
    }
}
