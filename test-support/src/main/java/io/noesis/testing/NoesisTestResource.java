package io.noesis.testing;

import io.noesis.schemas.TopicSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives a @QuarkusTest the real parts it talks to: the in-JVM Kafka broker, the schema registry, the
 * token issuer's public key, and a fresh Kafka Streams state directory (state left from an earlier
 * cluster causes OffsetOutOfRange and corrupted tasks).
 */
public class NoesisTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String bootstrap = TestKafka.shared().bootstrapServers();
        Map<String, String> config = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "quarkus.kafka-streams.bootstrap-servers", bootstrap,
                "noesis.registry.url", TestRegistry.shared().registryUrl(),
                "mp.jwt.verify.publickey.location", TestTokens.publicKeyLocation(),
                "noesis.jwt.public-key-location", TestTokens.publicKeyLocation(),
                "mp.jwt.verify.issuer", TestTokens.issuerName(),
                "noesis.state-dir", TestDirectories.create("state").toString()));
        // One broker: Kafka Streams' own topics can have a single replica only.
        config.putAll(TopicSettings.SINGLE_BROKER.serviceProperties());
        return config;
    }

    @Override
    public void stop() {
        // The broker and the registry are shared by every test class of the JVM and stop with it.
    }
}
