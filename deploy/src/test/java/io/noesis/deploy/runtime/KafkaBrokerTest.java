package io.noesis.deploy.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.schemas.TopicSettings;
import io.noesis.schemas.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run's broker: a real KRaft process from the Maven jars, whose data survives a restart. */
class KafkaBrokerTest {

    private static final Path HOME = Path.of(System.getProperty("noesis.home", "..")).toAbsolutePath().normalize();

    @Test
    void topicsAndRecordsSurviveAStopAndStart(@TempDir Path dataDir) throws Exception {
        KafkaBroker broker = new KafkaBroker(dataDir.resolve("kafka"), Ports.freePort(), Ports.freePort(),
                HOME.resolve("deploy/target/lib") + "/*");

        ManagedProcess first = broker.start(dataDir, dataDir);
        try {
            broker.awaitReady(first, Duration.ofSeconds(90));
            TopicSetup.createAll(broker.bootstrapServers(), TopicSettings.SINGLE_BROKER);
            assertCatalogueTopics(broker);
            produce(broker, "before-restart");
        } finally {
            first.stop(Duration.ofSeconds(20));
        }

        ManagedProcess second = broker.start(dataDir, dataDir);
        try {
            broker.awaitReady(second, Duration.ofSeconds(90));
            assertEquals(List.of("before-restart"), readAll(broker));
        } finally {
            second.stop(Duration.ofSeconds(20));
        }
    }

    @Test
    void aTakenPortIsReportedPlainly() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PortInUseException error = assertThrows(PortInUseException.class,
                    () -> Ports.requireFree("Kafka broker", taken.getLocalPort()));
            assertTrue(error.getMessage().contains(Integer.toString(taken.getLocalPort())));
            assertTrue(error.getMessage().contains("Kafka broker"));
        }
    }

    private static void assertCatalogueTopics(KafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get();
            Topics.ALL.forEach(topic -> assertTrue(names.contains(topic.name()), topic.name()));
            var description = admin.describeTopics(List.of(Topics.EPISODE_EVENTS.name())).allTopicNames().get();
            assertEquals(Topics.EPISODE_PARTITIONS, description.get(Topics.EPISODE_EVENTS.name()).partitions().size());
            ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, Topics.EPISODE_EVENTS.name());
            String retention = admin.describeConfigs(List.of(events)).all().get().get(events).get("retention.ms").value();
            assertEquals("-1", retention, "the episode log is kept forever");
        }
    }

    private static void produce(KafkaBroker broker, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.AUDIT_LOG.name(), "k", value)).get();
        }
    }

    private static List<String> readAll(KafkaBroker broker) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.AUDIT_LOG.name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new java.util.ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
            }
            return values;
        }
    }
}
