package io.noesis.audit.replay;

import io.noesis.schemas.serde.RegistrySerdes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where the plain consumers of exports and replays read from: the same broker and registry as the topology. */
@ApplicationScoped
public class KafkaAccess {

    private final String bootstrapServers;
    private final RegistrySerdes serdes;

    public KafkaAccess(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "noesis.registry.url") String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.serdes = new RegistrySerdes(registryUrl);
    }

    public Map<String, Object> clientConfig() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }

    public RegistrySerdes serdes() {
        return serdes;
    }
}
