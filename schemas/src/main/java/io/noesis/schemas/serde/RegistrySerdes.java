package io.noesis.schemas.serde;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import io.noesis.schemas.Topic;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Serdes for the catalogue's topics in Confluent wire format (magic byte 0, 4-byte schema id, Avro
 * binary) against any Confluent-compatible schema registry, so clients in other languages read and
 * write the same bytes.
 */
public final class RegistrySerdes {

    private final String registryUrl;

    public RegistrySerdes(String registryUrl) {
        this.registryUrl = registryUrl;
    }

    /** The Apicurio serde settings that produce Confluent framing; usable for plain producers and consumers too. */
    public Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put(SchemaResolverConfig.REGISTRY_URL, registryUrl);
        config.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true);
        config.put(SchemaResolverConfig.DEREFERENCE_SCHEMA, true);
        config.put(KafkaSerdeConfig.ENABLE_HEADERS, false);
        config.put(SerdeConfig.ID_HANDLER, Default4ByteIdHandler.class.getName());
        config.put(SerdeConfig.USE_ID, "contentId");
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        // A Class object, not its name: by name, Apicurio loads it through a class loader that Quarkus tests replace.
        config.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, ClassLoaderSafeDatumProvider.class);
        return config;
    }

    /**
     * A configured value serde for the topic's record type. Its deserializer refuses tombstones and
     * records of another type (see {@link TopicRecordDeserializer}), so they reach the dead-letter path.
     */
    public <V> Serde<V> valueSerde(Topic<V> topic) {
        if (topic.valueType() == byte[].class) {
            @SuppressWarnings("unchecked")
            Serde<V> bytes = (Serde<V>) Serdes.ByteArray();
            return bytes;
        }
        AvroSerde<V> serde = new AvroSerde<>();
        // A serde handed to Consumed/Produced or a client constructor is never configured by Kafka.
        serde.configure(config(), false);
        return Serdes.serdeFrom(serde.serializer(), new TopicRecordDeserializer<>(topic, serde.deserializer()));
    }

    /** Every key is the episode id as a string. */
    public static Serde<String> keySerde() {
        return Serdes.String();
    }

    /**
     * The key serde for consumers that act per episode: a record without a key is refused, and so goes
     * to the dead-letter topic instead of reaching a processor or a state store with no episode id.
     */
    public static Serde<String> episodeKeySerde() {
        return Serdes.serdeFrom(new StringSerializer(), new EpisodeKeyDeserializer());
    }
}
