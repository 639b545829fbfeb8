package io.noesis.deploy.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.noesis.schemas.TopicSettings;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replication is configuration: production values unless told otherwise, one replica on the one-broker local run. */
class ReplicationSettingsTest {

    private static final Path HOME = Path.of(System.getProperty("noesis.home", "..")).toAbsolutePath().normalize();
    private static final Path SHARED_SERVICE_CONFIG =
            HOME.resolve("service-support/src/main/resources/META-INF/microprofile-config.properties");

    @Test
    void theLocalStackKeepsOneReplicaOnItsOneBroker() {
        StackSettings local = StackSettings.defaults(HOME, HOME.resolve(".noesis/local"));

        assertEquals(TopicSettings.SINGLE_BROKER, local.topics());
    }

    @Test
    void theLocalStackFollowsTopicSettingsGivenAsServiceProperties() {
        StackSettings defaults = StackSettings.defaults(HOME, HOME.resolve(".noesis/local"));
        StackSettings threeBrokers = new StackSettings(defaults.home(), defaults.dataDir(), defaults.kafkaPort(),
                defaults.controllerPort(), defaults.registryPort(), defaults.servicePorts(), false,
                Map.of(TopicSettings.REPLICATION_FACTOR, "3", TopicSettings.MIN_INSYNC_REPLICAS, "2"));

        assertEquals(new TopicSettings((short) 3, 2, 6), threeBrokers.topics());
    }

    @Test
    void servicesReplicateTheirKafkaStreamsTopicsLikeProductionByDefault() throws IOException {
        SmallRyeConfig config = serviceConfig(Map.of());

        assertEquals("3", config.getValue("kafka-streams.replication.factor", String.class));
        assertEquals("2", config.getValue("kafka-streams.topic.min.insync.replicas", String.class));
        assertEquals(TopicSettings.PRODUCTION,
                TopicSettings.from(name -> config.getOptionalValue(name, String.class), TopicSettings.SINGLE_BROKER));
    }

    @Test
    void aOneBrokerRunTurnsKafkaStreamsTopicsDownToOneReplica() throws IOException {
        SmallRyeConfig config = serviceConfig(TopicSettings.SINGLE_BROKER.serviceProperties());

        assertEquals("1", config.getValue("kafka-streams.replication.factor", String.class));
        assertEquals("1", config.getValue("kafka-streams.topic.min.insync.replicas", String.class));
    }

    /** The services' shared configuration, overridden as -D options override it (ordinal 400). */
    private static SmallRyeConfig serviceConfig(Map<String, String> systemProperties) throws IOException {
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(SHARED_SERVICE_CONFIG.toUri().toURL(), 100))
                .withSources(new PropertiesConfigSource(systemProperties, "-D options", 400))
                .build();
    }
}
