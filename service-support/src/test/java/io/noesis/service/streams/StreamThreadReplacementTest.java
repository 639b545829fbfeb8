package io.noesis.service.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.testing.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream thread whose Kafka client fails mid-transaction, on a real broker under exactly_once_v2: the
 * thread is replaced, and what the failed transaction had written to the local store is gone with it, so
 * the records read again are counted once. With a handler that stopped the client, as before, the counts
 * would end at the failure.
 */
class StreamThreadReplacementTest {

    private static final int RECORDS = 300;
    private static final int FAIL_AT = 170;
    private static final List<String> KEYS = List.of("a", "b", "c");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    @Test
    void aThreadWhoseKafkaClientFailedIsReplacedAndCountsEveryRecordOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String input = "thread-replacement-in-" + run;
        String output = "thread-replacement-out-" + run;
        createTopics(input, output);
        produce(input);

        AtomicInteger processed = new AtomicInteger();
        try (KafkaStreams streams = new KafkaStreams(countingTopology(input, output, processed), config(run))) {
            streams.setUncaughtExceptionHandler(new StreamThreadRecovery());
            streams.start();

            Map<String, List<Long>> counts = readCounts(output);

            assertTrue(processed.get() > RECORDS, "the records of the failed transaction were processed again");
            for (String key : KEYS) {
                long sent = RECORDS / KEYS.size();
                List<Long> expected = LongStream.rangeClosed(1, sent).boxed().toList();
                assertEquals(expected, counts.get(key), "key " + key + " counted once per record, in order");
            }
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
        }
    }

    /** Counts per key in a store and writes each count; the first pass fails as a dead producer would. */
    private static Topology countingTopology(String input, String output, AtomicInteger processed) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("counts"),
                Serdes.String(), Serdes.Long()));
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new Processor<String, String, String, Long>() {
                    private ProcessorContext<String, Long> context;
                    private KeyValueStore<String, Long> counts;

                    @Override
                    public void init(ProcessorContext<String, Long> context) {
                        this.context = context;
                        counts = context.getStateStore("counts");
                    }

                    @Override
                    public void process(Record<String, String> record) {
                        Long before = counts.get(record.key());
                        long count = before == null ? 1 : before + 1;
                        counts.put(record.key(), count);
                        context.forward(record.withValue(count));
                        if (processed.incrementAndGet() == FAIL_AT) {
                            throw new KafkaException("Unhandled error in EndTxnResponse: simulated broker failure");
                        }
                    }
                }, "counts")
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    private Properties config(String run) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "thread-replacement-" + run);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Long enough that the failure comes in the middle of a transaction, after the store took writes.
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 5_000);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 50);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // The new thread gets the partition at once instead of after the dead member's session timeout.
        config.put("internal.leave.group.on.close", true);
        return config;
    }

    private static void createTopics(String... names) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.shared().bootstrapServers()))) {
            admin.createTopics(Arrays.stream(names).map(name -> new NewTopic(name, 1, (short) 1)).toList())
                    .all().get();
        }
    }

    private static void produce(String topic) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, KEYS.get(i % KEYS.size()), "record-" + i));
            }
            producer.flush();
        }
    }

    /** Every committed count, per key, until each key has reached its number of records (or the wait ends). */
    private static Map<String, List<Long>> readCounts(String topic) {
        Map<String, List<Long>> counts = new HashMap<>();
        try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic), new StringDeserializer(), new LongDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant until = Instant.now().plus(WAIT);
            while (Instant.now().isBefore(until) && counts.values().stream().mapToInt(List::size).sum() < RECORDS) {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(record -> counts.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(record.value()));
            }
        }
        return counts;
    }
}
