package io.noesis.audit.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.audit.domain.AuditChain;
import io.noesis.audit.domain.ChainLink;
import io.noesis.schemas.AuditRecord;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.Topics;
import io.noesis.schemas.deadletter.DeadLetterHandler;
import io.noesis.schemas.serde.RegistrySerdes;
import io.noesis.testing.BadRecords;
import io.noesis.testing.TestKafka;
import io.noesis.testing.TestRegistry;
import io.noesis.testing.TopicClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain across restarts of the real topology on a real broker, with exactly-once processing: after a
 * clean restart, after one that lost its local state, and after a stop while a backlog of thousands of
 * records was being chained, the log holds every record exactly once and still verifies; the chain's
 * head, cached, reached its changelog once per commit rather than once per link; and the trail, which has
 * no changelog, is restored from the log alone, even when the log holds records no audit-service wrote and
 * none can read. Runs in its own JVM (see the pom) because it writes the shared audit log topic; the tests
 * run in order, since the first counts every link on the log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChainRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int BACKLOG = 3000;
    private static final String APPLICATION_ID = "audit-restart-test";

    @Test
    @Order(1)
    void aRestartNeitherSkipsNorRepeats(@TempDir Path stateDir) throws Exception {
        runWhileSending(stateDir, 0, 4);
        runWhileSending(stateDir, 4, 8);
        Utils.delete(stateDir.toFile());
        runWhileSending(stateDir, 8, 12);
        sendBacklog(12, 12 + BACKLOG);
        runUntilChained(stateDir, 12 + BACKLOG / 3);
        runUntilChained(stateDir, 12 + BACKLOG - 1);

        int total = 12 + BACKLOG;
        List<ChainLink> links = TopicClient.readAll(Topics.AUDIT_LOG, Duration.ofSeconds(3)).stream()
                .map(record -> AuditRecords.toLink(record.value())).toList();
        assertEquals(LongStream.range(0, total).boxed().toList(), links.stream().map(ChainLink::position).toList());
        assertEquals(LongStream.range(0, total).boxed().toList(),
                links.stream().map(ChainLink::sourceOffset).sorted().toList(), "each command once");
        assertTrue(AuditChain.verify(links).intact());
        long headWrites = endOffset(APPLICATION_ID + "-" + AuditTopology.CHAIN_STORE + "-changelog");
        assertTrue(headWrites < total / 10, "the chain's head is logged once per commit, not for each of the "
                + total + " links: " + headWrites + " offsets, transaction markers included");

        Utils.delete(stateDir.toFile());
        assertEquals(links, timelineRestoredFromTheLog(stateDir, "ep-restart"), "the trail, its state lost");
        assertFalse(topicNames().stream().anyMatch(name -> name.contains(AuditTopology.TRAIL_STORE)),
                "the trail has no changelog of its own: " + topicNames());
    }

    /**
     * The trail is indexed by Kafka Streams' global thread, which reads the log; an unreadable record there
     * (garbage, an unknown schema id, a record of another type, a tombstone) goes to the dead-letter topic
     * like one on any other topic, and the indexer goes on, live and when a lost trail is restored.
     */
    @Test
    @Order(2)
    void unreadableRecordsOnTheLogAreDeadLetteredAndTheTrailGoesOn(@TempDir Path stateDir) throws Exception {
        List<ChainLink> after;
        List<BadRecords.Case> unreadable;
        try (KafkaStreams streams = new KafkaStreams(AuditTopology.build(TestRegistry.shared().serdes()),
                config(stateDir))) {
            streams.start();
            TopicClient.send(Topics.EPISODE_COMMANDS, "ep-before-bad", command("before-bad", "ep-before-bad"));
            AuditRecord aLink = TopicClient.await(Topics.AUDIT_LOG,
                    record -> "ep-before-bad".equals(record.value().getEpisodeId()), PATIENCE).value();
            // A readable link without a key is no unreadable record: the indexer files it like any other.
            unreadable = BadRecords.send(BadRecords.unreadable(Topics.AUDIT_LOG, "ep-after-bad", aLink).stream()
                    .filter(bad -> bad.kind() != BadRecords.Kind.NULL_KEY).toList());
            TopicClient.send(Topics.EPISODE_COMMANDS, "ep-after-bad", command("after-bad", "ep-after-bad"));
            after = awaitTimeline(streams, "ep-after-bad");
            unreadable.forEach(bad -> BadRecords.assertDeadLettered(bad, APPLICATION_ID));
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
        }
        Utils.delete(stateDir.toFile());
        assertEquals(after, timelineRestoredFromTheLog(stateDir, "ep-after-bad"), "the trail restored past them");
    }

    /** The episode's timeline in the running topology's trail, once it has a link. */
    private static List<ChainLink> awaitTimeline(KafkaStreams streams, String episodeId) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (streams.state() == KafkaStreams.State.RUNNING) {
                List<ChainLink> timeline = AuditTrailQueries.timelineIn(trail(streams), episodeId);
                if (!timeline.isEmpty()) {
                    return timeline;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no link of " + episodeId + " in the trail; the topology is " + streams.state());
    }

    private static ReadOnlyKeyValueStore<String, ChainLink> trail(KafkaStreams streams) {
        return streams.store(StoreQueryParameters.fromNameAndType(AuditTopology.TRAIL_STORE,
                QueryableStoreTypes.keyValueStore()));
    }

    /** Starts the topology on an empty state directory and reads the episode's timeline once it runs. */
    private static List<ChainLink> timelineRestoredFromTheLog(Path stateDir, String episodeId) throws Exception {
        try (KafkaStreams streams = new KafkaStreams(AuditTopology.build(TestRegistry.shared().serdes()),
                config(stateDir))) {
            streams.start();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            return AuditTrailQueries.timelineIn(trail(streams), episodeId);
        }
    }

    private static Set<String> topicNames() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.shared().bootstrapServers()))) {
            return admin.listTopics().names().get();
        }
    }

    private static long endOffset(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.shared().bootstrapServers()))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        }
    }

    /** A backlog waiting for the topology: it is stopped in the middle of it, and started again. */
    private static void sendBacklog(int first, int last) throws Exception {
        RegistrySerdes serdes = TestRegistry.shared().serdes();
        try (KafkaProducer<String, EpisodeCommand> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                serdes.valueSerde(Topics.EPISODE_COMMANDS).serializer())) {
            for (int i = first; i < last; i++) {
                producer.send(new ProducerRecord<>(Topics.EPISODE_COMMANDS.name(), "ep-restart", command(i)));
            }
            producer.flush();
        }
    }

    /** Starts the topology, waits until the link at the position is on the log, and stops it at once. */
    private static void runUntilChained(Path stateDir, long position) {
        try (KafkaStreams streams = new KafkaStreams(AuditTopology.build(TestRegistry.shared().serdes()),
                config(stateDir))) {
            streams.start();
            TopicClient.await(Topics.AUDIT_LOG, record -> record.value().getPosition() >= position, PATIENCE);
        }
    }

    /** Starts the topology, sends commands first to last-1 to one partition, waits until they are chained, stops. */
    private static void runWhileSending(Path stateDir, int first, int last) {
        try (KafkaStreams streams = new KafkaStreams(AuditTopology.build(TestRegistry.shared().serdes()),
                config(stateDir))) {
            streams.start();
            for (int i = first; i < last; i++) {
                TopicClient.send(Topics.EPISODE_COMMANDS, "ep-restart", command(i));
            }
            long lastPosition = last - 1;
            ConsumerRecord<String, AuditRecord> chained = TopicClient.await(Topics.AUDIT_LOG,
                    record -> record.value().getPosition() == lastPosition, PATIENCE);
            assertEquals("command cmd-" + lastPosition, chained.value().getSummary());
        }
    }

    private static Properties config(Path stateDir) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // A closed Streams client does not leave its group; the next start waits out the old member's session.
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_000);
        return config;
    }

    private static EpisodeCommand command(int number) {
        return command("cmd-" + number, "ep-restart");
    }

    private static EpisodeCommand command(String commandId, String episodeId) {
        return EpisodeCommand.newBuilder().setCommandId(commandId).setEpisodeId(episodeId)
                .setType(CommandType.START).setIssuedAt(Instant.now()).setIssuedBy("episode-service").build();
    }
}
