package io.noesis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.noesis.schemas.AgentReport;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.ReportType;
import io.noesis.schemas.Topic;
import io.noesis.schemas.Topics;
import io.noesis.schemas.deadletter.DeadLetters;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The records a consumer cannot read, for any topic of the catalogue, written to the shared test broker,
 * and the check that each reached the dead-letter topic with its source and error in headers. All go to
 * the partition of a good record the test sends afterwards, so that the good one proves the consumer went
 * on past them. Also the text that is odd but readable, which must be processed, not dead-lettered.
 */
public final class BadRecords {

    /** Right-to-left marks and override, zero-width joiner sequences, emoji, combining marks, CJK, a NUL. */
    public static final String ODD_TEXT = "\u202Eesrever\u202C \u200Fשלום\u200F \uD83D\uDC69\u200D\uD83D\uDCBB"
            + " \uD83E\uDDE8 e\u0301\u0301 \u4E2D\u6587 zero\u200Bwidth nul\u0000 end";
    /** A lone high surrogate: UTF-8 cannot carry it, so a producer sends '?' in its place. */
    public static final String LONE_SURROGATE_TEXT = "lone \uD800 surrogate";
    /** Under the broker's largest record (1 MiB) with room for the rest of the record. */
    public static final int OVERSIZED_TEXT_BYTES = 900 * 1024;

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    public enum Kind {
        GARBAGE("garbage bytes"),
        UNKNOWN_SCHEMA_ID("Confluent framing with a schema id the registry does not have"),
        WRONG_SCHEMA("a valid Avro record of another type, registered under another subject"),
        NULL_KEY("a valid record without a key"),
        NULL_VALUE("a key without a value (tombstone)");

        public final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /**
     * One unreadable record: where it goes, its key (null for NULL_KEY), its bytes (null for NULL_VALUE) and,
     * once sent, its offset (-1 before).
     */
    public record Case(Kind kind, String topic, int partition, String key, byte[] value, long offset) {

        Case sentAt(long sentOffset) {
            return new Case(kind, topic, partition, key, value, sentOffset);
        }

        boolean isDeadLetterOf(ConsumerRecord<String, byte[]> deadLetter) {
            return Objects.equals(key, deadLetter.key()) && Arrays.equals(value, deadLetter.value());
        }

        @Override
        public String toString() {
            return kind.description + " on " + topic;
        }
    }

    /** Unreadable records sent to a topic before a good one, and the service's dead-letter count before them. */
    public record Batch(URI service, Topic<?> topic, List<Case> cases, double countedBefore) {

        /** Each case reached the dead-letter topic from the consumer, and the service counted at least that many. */
        public void assertDeadLetteredBy(String consumer) {
            cases.forEach(bad -> assertDeadLettered(bad, consumer));
            assertCounted(cases.size());
            System.out.printf("%s: %d unreadable records dead-lettered by %s and counted: %s%n", topic.name(),
                    cases.size(), consumer, cases.stream().map(bad -> bad.kind().name()).toList());
        }

        /** The batch without the cases of a kind, for a consumer that can read them. */
        public Batch without(Kind readable) {
            return new Batch(service, topic, cases.stream().filter(bad -> bad.kind() != readable).toList(), countedBefore);
        }

        public Case only(Kind kind) {
            return cases.stream().filter(bad -> bad.kind() == kind).findFirst().orElseThrow();
        }

        public void assertCounted(int deadLetters) {
            ServiceMetrics.assertDeadLettersReach(service, topic.name(), countedBefore + deadLetters);
        }
    }

    /**
     * Sends every kind of unreadable record to the topic, then the good record, all on goodKey's partition.
     * keyless, a record of the topic's type unique to this call, is the one sent without a key.
     */
    public static <V> Batch sendBeforeGood(URI service, Topic<V> topic, String goodKey, V keyless, V good) {
        double countedBefore = ServiceMetrics.deadLetters(service, topic.name());
        List<Case> cases = send(unreadable(topic, goodKey, keyless));
        TopicClient.send(topic, goodKey, good);
        return new Batch(service, topic, cases, countedBefore);
    }

    /**
     * Every kind of unreadable record for the topic, on goodKey's partition. validRecord, a record of the
     * topic's type unique to this call, is sent without a key for NULL_KEY.
     */
    public static <V> List<Case> unreadable(Topic<V> topic, String goodKey, V validRecord) {
        int partition = partitionOf(topic, goodKey);
        byte[] valid = TestRegistry.shared().serdes().valueSerde(topic).serializer().serialize(topic.name(), validRecord);
        return List.of(
                new Case(Kind.GARBAGE, topic.name(), partition, goodKey + "~garbage",
                        ("not avro at all " + goodKey).getBytes(StandardCharsets.UTF_8), -1),
                new Case(Kind.UNKNOWN_SCHEMA_ID, topic.name(), partition, goodKey + "~unknown-schema",
                        unknownSchemaId(goodKey), -1),
                new Case(Kind.WRONG_SCHEMA, topic.name(), partition, goodKey + "~wrong-schema",
                        recordOfAnotherType(topic, goodKey), -1),
                new Case(Kind.NULL_KEY, topic.name(), partition, null, valid, -1),
                new Case(Kind.NULL_VALUE, topic.name(), partition, goodKey + "~tombstone", null, -1));
    }

    /** Sends the cases in order and returns them with their offsets. */
    public static List<Case> send(List<Case> cases) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Case> sent = new ArrayList<>();
            for (Case bad : cases) {
                byte[] key = bad.key() == null ? null : bad.key().getBytes(StandardCharsets.UTF_8);
                sent.add(bad.sentAt(producer.send(new ProducerRecord<>(bad.topic(), bad.partition(), key, bad.value()))
                        .get().offset()));
            }
            return sent;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("Sending the bad records failed", e);
        }
    }

    /** Waits for the case's dead letter from the consumer and checks its headers; returns it. */
    public static ConsumerRecord<String, byte[]> assertDeadLettered(Case bad, String consumer) {
        ConsumerRecord<String, byte[]> deadLetter = TopicClient.await(Topics.DEAD_LETTERS,
                record -> bad.isDeadLetterOf(record) && consumer.equals(header(record, DeadLetters.CONSUMER)), TIMEOUT);
        assertEquals(bad.topic(), header(deadLetter, DeadLetters.SOURCE_TOPIC), bad + ": source topic");
        assertEquals(bad.partition(), Integer.parseInt(header(deadLetter, DeadLetters.SOURCE_PARTITION)), bad + ": partition");
        assertEquals(bad.offset(), Long.parseLong(header(deadLetter, DeadLetters.SOURCE_OFFSET)), bad + ": offset");
        assertFalse(header(deadLetter, DeadLetters.ERROR).isBlank(), bad + ": error");
        return deadLetter;
    }

    /** Text of about the given size in UTF-8: mostly ASCII, with odd characters every so often. */
    public static String oversizedText(int bytes) {
        StringBuilder text = new StringBuilder(bytes);
        while (text.length() < bytes - 200) {
            text.append("a large task ").append(text.length()).append(' ');
        }
        return text.append(ODD_TEXT).toString();
    }

    /** What arrives of a text sent through UTF-8: a lone surrogate becomes '?', anything else stays. */
    public static String asUtf8Carries(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static int partitionOf(Topic<?> topic, String key) {
        // Kafka's default partitioner for a keyed record, so the good record lands on the same partition.
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % topic.partitions();
    }

    /** Magic byte 0 and a 4-byte schema id far above any the registry has given out, then some bytes. */
    private static byte[] unknownSchemaId(String marker) {
        byte[] tail = marker.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(5 + tail.length).put((byte) 0).putInt(Integer.MAX_VALUE - 7).put(tail).array();
    }

    /** An agent report (a command on the reports topic), serialized as its own topic's producers write it. */
    private static byte[] recordOfAnotherType(Topic<?> topic, String episodeId) {
        if (topic == Topics.AGENT_REPORTS) {
            EpisodeCommand command = EpisodeCommand.newBuilder().setCommandId("wrong-schema-" + episodeId)
                    .setEpisodeId(episodeId).setType(CommandType.START).setIssuedAt(Instant.now())
                    .setIssuedBy("bad-records").build();
            return serialize(Topics.EPISODE_COMMANDS, command);
        }
        AgentReport report = AgentReport.newBuilder().setReportId("wrong-schema-" + episodeId).setEpisodeId(episodeId)
                .setType(ReportType.STEP).setReportedAt(Instant.now()).setAgent("bad-records").build();
        return serialize(Topics.AGENT_REPORTS, report);
    }

    private static <V> byte[] serialize(Topic<V> topic, V record) {
        return TestRegistry.shared().serdes().valueSerde(topic).serializer().serialize(topic.name(), record);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private BadRecords() {
    }
}
