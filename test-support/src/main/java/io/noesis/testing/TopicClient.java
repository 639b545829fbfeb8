package io.noesis.testing;

import io.noesis.schemas.Topic;
import io.noesis.schemas.serde.RegistrySerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes and reads the catalogue's topics in tests, with the same serdes as the services, against
 * the shared in-JVM broker (or any bootstrap servers and registry given).
 */
public final class TopicClient {

    private final String bootstrapServers;
    private final RegistrySerdes serdes;

    public TopicClient(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.serdes = new RegistrySerdes(registryUrl);
    }

    /** The client for the shared test broker and registry. */
    public static TopicClient shared() {
        return new TopicClient(TestKafka.shared().bootstrapServers(), TestRegistry.shared().registryUrl());
    }

    public static <V> void send(Topic<V> topic, String key, V value) {
        shared().produce(topic, key, value);
    }

    public static <V> ConsumerRecord<String, V> await(Topic<V> topic, Predicate<ConsumerRecord<String, V>> match,
            Duration timeout) {
        return shared().first(topic, match, timeout);
    }

    public static <V> List<ConsumerRecord<String, V>> readAll(Topic<V> topic, Duration quiet) {
        return shared().all(topic, quiet);
    }

    /** Raw bytes, e.g. garbage that a consumer must send to the dead-letter topic. */
    public static void sendBytes(String topicName, byte[] key, byte[] value) {
        shared().produceBytes(topicName, key, value);
    }

    public <V> void produce(Topic<V> topic, String key, V value) {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(producerConfig(),
                RegistrySerdes.keySerde().serializer(), serdes.valueSerde(topic).serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("Sending to " + topic.name() + " failed", e);
        }
    }

    public void produceBytes(String topicName, byte[] key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topicName, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("Sending to " + topicName + " failed", e);
        }
    }

    /** The first committed record, from the beginning of the topic, that matches; fails after the timeout. */
    public <V> ConsumerRecord<String, V> first(Topic<V> topic, Predicate<ConsumerRecord<String, V>> match, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, V> consumer = consumerFromBeginning(topic)) {
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, V> record : pollReadable(consumer)) {
                    if (match.test(record)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("No matching record on " + topic.name() + " within " + timeout);
    }

    /** Every committed record of the topic, read until nothing new arrives for the quiet period. */
    public <V> List<ConsumerRecord<String, V>> all(Topic<V> topic, Duration quiet) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = consumerFromBeginning(topic)) {
            Instant lastSeen = Instant.now();
            while (Instant.now().isBefore(lastSeen.plus(quiet))) {
                var batch = pollReadable(consumer);
                if (!batch.isEmpty()) {
                    batch.forEach(records::add);
                    lastSeen = Instant.now();
                }
            }
        }
        return records;
    }

    /** Tests write unreadable records on purpose; a reader looking for readable ones steps over them. */
    private static <V> ConsumerRecords<String, V> pollReadable(KafkaConsumer<String, V> consumer) {
        try {
            return consumer.poll(Duration.ofMillis(200));
        } catch (RecordDeserializationException unreadable) {
            consumer.seek(unreadable.topicPartition(), unreadable.offset() + 1);
            return ConsumerRecords.empty();
        }
    }

    private <V> KafkaConsumer<String, V> consumerFromBeginning(Topic<V> topic) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                RegistrySerdes.keySerde().deserializer(), serdes.valueSerde(topic).deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }
}
