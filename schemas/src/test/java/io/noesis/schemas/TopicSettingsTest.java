package io.noesis.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicSettingsTest {

    @Test
    void withoutConfigurationTheProductionLayoutApplies() {
        TopicSettings settings = TopicSettings.from(name -> Optional.empty(), TopicSettings.PRODUCTION);

        assertEquals(3, settings.replicationFactor());
        assertEquals(2, settings.minInsyncReplicas());
        assertEquals(Topics.EPISODE_PARTITIONS, settings.partitions(Topics.EPISODE_EVENTS));
        assertEquals(Map.of("cleanup.policy", "delete", "retention.ms", "-1", "min.insync.replicas", "2"),
                settings.topicConfigs(Topics.EPISODE_EVENTS));
    }

    @Test
    void configurationOverridesEachSettingOnItsOwn() {
        Map<String, String> config = Map.of(TopicSettings.REPLICATION_FACTOR, "1", TopicSettings.MIN_INSYNC_REPLICAS, " 1 ");

        TopicSettings settings = TopicSettings.from(name -> Optional.ofNullable(config.get(name)), TopicSettings.PRODUCTION);

        assertEquals(TopicSettings.SINGLE_BROKER, settings);
        assertEquals(Map.of("noesis.topics.replication-factor", "1", "noesis.topics.min-insync-replicas", "1"),
                settings.serviceProperties());
    }

    @Test
    void morePartitionsGrowEveryJoinedTopicTogetherButNeverTheAuditChain() {
        TopicSettings settings = TopicSettings.from(
                name -> Optional.ofNullable(Map.of(TopicSettings.EPISODE_PARTITIONS, "12").get(name)), TopicSettings.PRODUCTION);

        Topics.CO_PARTITIONED.forEach(topic -> assertEquals(12, settings.partitions(topic), topic.name()));
        assertEquals(1, settings.partitions(Topics.AUDIT_LOG), "the audit chain is one partition");
        assertEquals(1, settings.partitions(Topics.DEAD_LETTERS));
        assertEquals("2592000000", settings.topicConfigs(Topics.DEAD_LETTERS).get("retention.ms"));
    }

    @Test
    void anImpossibleLayoutIsRefusedNamingTheSetting() {
        IllegalArgumentException tooManyInSync = assertThrows(IllegalArgumentException.class,
                () -> new TopicSettings((short) 1, 2, 6));
        assertTrue(tooManyInSync.getMessage().contains(TopicSettings.MIN_INSYNC_REPLICAS), tooManyInSync.getMessage());

        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class, () -> TopicSettings.from(
                name -> name.equals(TopicSettings.REPLICATION_FACTOR) ? Optional.of("three") : Optional.empty(),
                TopicSettings.PRODUCTION));
        assertTrue(notANumber.getMessage().contains(TopicSettings.REPLICATION_FACTOR + " must be a whole number"),
                notANumber.getMessage());

        IllegalArgumentException noPartitions = assertThrows(IllegalArgumentException.class,
                () -> new TopicSettings((short) 3, 2, 0));
        assertTrue(noPartitions.getMessage().contains(TopicSettings.EPISODE_PARTITIONS), noPartitions.getMessage());
    }
}
