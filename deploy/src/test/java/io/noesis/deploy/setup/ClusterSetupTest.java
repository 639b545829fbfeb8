package io.noesis.deploy.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.deploy.runtime.KafkaBroker;
import io.noesis.deploy.runtime.ManagedProcess;
import io.noesis.deploy.runtime.Ports;
import io.noesis.deploy.runtime.SchemaRegistry;
import io.noesis.schemas.Topic;
import io.noesis.schemas.TopicSettings;
import io.noesis.schemas.Topics;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The setup job against a real broker and registry: the layout comes from its configuration, and a second run changes nothing. */
class ClusterSetupTest {

    private static final Path HOME = Path.of(System.getProperty("noesis.home", "..")).toAbsolutePath().normalize();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path dataDir;
    private static KafkaBroker broker;
    private static SchemaRegistry registry;
    private static ManagedProcess brokerProcess;
    private static ManagedProcess registryProcess;

    @BeforeAll
    static void startBrokerAndRegistry() throws Exception {
        broker = new KafkaBroker(dataDir.resolve("kafka"), Ports.freePort(), Ports.freePort(), HOME.resolve("deploy/target/lib") + "/*");
        registry = new SchemaRegistry(HOME.resolve("deploy/target/apicurio-registry"), Ports.freePort(), null);
        brokerProcess = broker.start(dataDir, dataDir);
        registryProcess = registry.start(dataDir, dataDir);
        broker.awaitReady(brokerProcess, START_TIMEOUT);
        registry.awaitReady(registryProcess, START_TIMEOUT);
    }

    @AfterAll
    static void stop() {
        registryProcess.stop(Duration.ofSeconds(20));
        brokerProcess.stop(Duration.ofSeconds(20));
    }

    @Test
    void createsTheConfiguredLayoutAndRegistersEverySchemaOnceHowEverOftenItRuns() throws Exception {
        Map<String, String> settings = Map.of(
                ClusterSetup.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                ClusterSetup.REGISTRY_CONFLUENT_URL, registry.confluentApiUrl(),
                TopicSettings.REPLICATION_FACTOR, "1",
                TopicSettings.MIN_INSYNC_REPLICAS, "1",
                TopicSettings.EPISODE_PARTITIONS, "3");
        List<String> progress = new ArrayList<>();

        ClusterSetup.run(config(settings), progress::add);
        ClusterSetup.run(config(settings), progress::add);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL.stream().map(Topic::name).toList())
                    .allTopicNames().get();
            Topics.CO_PARTITIONED.forEach(topic -> assertEquals(3, topics.get(topic.name()).partitions().size(), topic.name()));
            assertEquals(1, topics.get(Topics.AUDIT_LOG.name()).partitions().size(), "the audit chain keeps one partition");
            ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, Topics.EPISODE_EVENTS.name());
            Config eventsConfig = admin.describeConfigs(List.of(events)).all().get().get(events);
            assertEquals("1", eventsConfig.get("min.insync.replicas").value());
            assertEquals("-1", eventsConfig.get("retention.ms").value());
        }
        for (Topic<?> topic : Topics.avroTopics()) {
            assertEquals("[1]", registry("/subjects/" + topic.valueSubject() + "/versions"), topic.valueSubject() + ": one version");
            assertTrue(registry("/config/" + topic.valueSubject()).contains("BACKWARD"), topic.valueSubject());
        }
        assertEquals(2 * (1 + Topics.avroTopics().size()), progress.size(), String.join("\n", progress));
    }

    private static org.eclipse.microprofile.config.Config config(Map<String, String> settings) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(settings, "test", 400)).build();
    }

    private static String registry(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(registry.confluentApiUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body().replace(" ", "");
    }
}
