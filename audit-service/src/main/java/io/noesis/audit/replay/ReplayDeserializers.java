package io.noesis.audit.replay;

import io.noesis.schemas.Topic;
import io.noesis.schemas.serde.RegistrySerdes;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The replays' value deserializers, one per topic for the life of the service. A new deserializer has a new
 * registry client with an empty cache, so a rebuild, which reads nine topics, looked its schemas up in the
 * registry again on every replay, over HTTP, while it read. The replays run one at a time on one thread.
 */
public final class ReplayDeserializers implements AutoCloseable {

    private final RegistrySerdes serdes;
    private final Map<String, Deserializer<?>> byTopic = new ConcurrentHashMap<>();

    public ReplayDeserializers(RegistrySerdes serdes) {
        this.serdes = serdes;
    }

    /** The topic's deserializer, for one consumer: closing it, as a consumer does, leaves the shared one open. */
    <V> Deserializer<V> of(Topic<V> topic) {
        @SuppressWarnings("unchecked")
        Deserializer<V> shared = (Deserializer<V>) byTopic.computeIfAbsent(topic.name(),
                name -> serdes.valueSerde(topic).deserializer());
        return new KeptOpen<>(shared);
    }

    @Override
    public void close() {
        byTopic.values().forEach(Deserializer::close);
        byTopic.clear();
    }

    record KeptOpen<V>(Deserializer<V> shared) implements Deserializer<V> {

        @Override
        public V deserialize(String topic, byte[] data) {
            return shared.deserialize(topic, data);
        }

        @Override
        public V deserialize(String topic, Headers headers, byte[] data) {
            return shared.deserialize(topic, headers, data);
        }

        @Override
        public V deserialize(String topic, Headers headers, ByteBuffer data) {
            return shared.deserialize(topic, headers, data);
        }

        @Override
        public void close() {
            // The consumer is done with it; the replays are not.
        }
    }
}
