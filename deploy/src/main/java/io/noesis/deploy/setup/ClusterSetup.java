package io.noesis.deploy.setup;

import io.noesis.deploy.runtime.TopicSetup;
import io.noesis.schemas.TopicSettings;
import io.noesis.schemas.registry.SchemaRegistration;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.Config;

/**
 * The one-shot set-up of a cluster before the services start: creates the catalogue's topics (unless an
 * operator such as Strimzi's topic operator owns them) and registers every schema with BACKWARD
 * compatibility. Configured like the services, by -D properties or environment variables; it is the
 * setup job of the compose file and of the Kubernetes manifests, and safe to run again.
 */
public final class ClusterSetup {

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    /** The registry's Confluent-compatible API, e.g. http://schema-registry:8080/apis/ccompat/v7. */
    public static final String REGISTRY_CONFLUENT_URL = "noesis.registry.confluent-url";
    /** false where the topics are managed elsewhere (KafkaTopic resources); schemas are registered either way. */
    public static final String CREATE_TOPICS = "noesis.setup.create-topics";

    /** Every setting this job reads. */
    public static final List<String> SETTINGS = List.of(BOOTSTRAP_SERVERS, REGISTRY_CONFLUENT_URL, CREATE_TOPICS,
            TopicSettings.REPLICATION_FACTOR, TopicSettings.MIN_INSYNC_REPLICAS, TopicSettings.EPISODE_PARTITIONS);

    public static void main(String[] args) {
        run(new SmallRyeConfigBuilder().addDefaultSources().build(), System.out::println);
    }

    public static void run(Config config, Consumer<String> progress) {
        if (config.getOptionalValue(CREATE_TOPICS, Boolean.class).orElse(true)) {
            TopicSettings topics = TopicSettings.from(name -> config.getOptionalValue(name, String.class), TopicSettings.PRODUCTION);
            String bootstrapServers = config.getValue(BOOTSTRAP_SERVERS, String.class);
            TopicSetup.createAll(bootstrapServers, topics);
            progress.accept("Topics ready on " + bootstrapServers + ": " + topics);
        }
        Map<String, Integer> ids = new SchemaRegistration(config.getValue(REGISTRY_CONFLUENT_URL, String.class)).registerAll();
        ids.forEach((subject, id) -> progress.accept("Schema registered: " + subject + " (id " + id + ")"));
    }

    private ClusterSetup() {
    }
}
