package io.noesis.schemas;

import java.time.Duration;
import java.util.Map;

/**
 * One Kafka topic of the system: its name, the Avro record its values carry (null for raw bytes),
 * and how it is created. Keys are always the episode id as a UTF-8 string.
 */
public record Topic<V>(String name, Class<V> valueType, int partitions, Duration retention, String description) {

    /** Retention that never deletes: Kafka's retention.ms=-1. */
    public static final Duration FOREVER = Duration.ofMillis(-1);

    public String valueSubject() {
        return name + "-value";
    }

    public boolean keepsForever() {
        return retention.isNegative();
    }

    /** Topic-level settings for creating the topic; replication is a deployment choice, not the catalogue's. */
    public Map<String, String> creationConfigs() {
        return Map.of(
                "cleanup.policy", "delete",
                "retention.ms", Long.toString(retention.toMillis()));
    }
}
