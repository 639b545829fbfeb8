package io.noesis.schemas;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the catalogue's topics are laid out on a particular cluster: replicas per partition, the replicas a
 * write must reach (min.insync.replicas), and the partitions of the co-partitioned episode topics. These are
 * deployment choices, read from configuration under {@value #PREFIX}; the defaults are the production ones.
 *
 * @param replicationFactor replicas of every partition, for the catalogue's topics and Kafka Streams' own
 * @param minInsyncReplicas replicas that must have a write before it is acknowledged (producers use acks=all)
 * @param episodePartitions partitions of each of {@link Topics#CO_PARTITIONED}
 */
public record TopicSettings(short replicationFactor, int minInsyncReplicas, int episodePartitions) {

    public static final String PREFIX = "noesis.topics.";
    public static final String REPLICATION_FACTOR = PREFIX + "replication-factor";
    public static final String MIN_INSYNC_REPLICAS = PREFIX + "min-insync-replicas";
    public static final String EPISODE_PARTITIONS = PREFIX + "episode-partitions";

    /** Three replicas, two of which must have every write: one broker can fail or restart without losing data or stopping writes. */
    public static final TopicSettings PRODUCTION = new TopicSettings((short) 3, 2, Topics.EPISODE_PARTITIONS);

    /** A one-broker cluster (the local run, tests, benchmarks) can hold a single replica only. */
    public static final TopicSettings SINGLE_BROKER = new TopicSettings((short) 1, 1, Topics.EPISODE_PARTITIONS);

    public TopicSettings {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException(REPLICATION_FACTOR + " must be at least 1, was " + replicationFactor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException(MIN_INSYNC_REPLICAS + " must be between 1 and " + REPLICATION_FACTOR
                    + " (" + replicationFactor + "), was " + minInsyncReplicas + ": otherwise no write is ever acknowledged");
        }
        if (episodePartitions < 1) {
            throw new IllegalArgumentException(EPISODE_PARTITIONS + " must be at least 1, was " + episodePartitions);
        }
    }

    /** The settings a configuration gives, each one it leaves out taken from defaults. */
    public static TopicSettings from(Function<String, Optional<String>> config, TopicSettings defaults) {
        return new TopicSettings(
                (short) number(config, REPLICATION_FACTOR, defaults.replicationFactor()),
                number(config, MIN_INSYNC_REPLICAS, defaults.minInsyncReplicas()),
                number(config, EPISODE_PARTITIONS, defaults.episodePartitions()));
    }

    /** The catalogue's partitions, except that the co-partitioned topics all get {@link #episodePartitions()}. */
    public int partitions(Topic<?> topic) {
        return Topics.CO_PARTITIONED.contains(topic) ? episodePartitions : topic.partitions();
    }

    /** Topic-level settings for creating the topic: the catalogue's retention and cleanup, and the minimum in-sync replicas. */
    public Map<String, String> topicConfigs(Topic<?> topic) {
        Map<String, String> configs = new LinkedHashMap<>(topic.creationConfigs());
        configs.put("min.insync.replicas", Integer.toString(minInsyncReplicas));
        return configs;
    }

    /**
     * What the services must be told so that Kafka Streams creates its own topics (changelogs, repartition
     * topics) the same way; episodePartitions is not among them, as Streams sizes those from its sources.
     */
    public Map<String, String> serviceProperties() {
        return Map.of(REPLICATION_FACTOR, Short.toString(replicationFactor),
                MIN_INSYNC_REPLICAS, Integer.toString(minInsyncReplicas));
    }

    private static int number(Function<String, Optional<String>> config, String name, int fallback) {
        return config.apply(name).map(String::strip).filter(value -> !value.isEmpty()).map(value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, was \"" + value + "\"", e);
            }
        }).orElse(fallback);
    }
}
