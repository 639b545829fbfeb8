package io.noesis.audit.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.testing.TestKafka;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** The start-up check against topics of the in-JVM broker, configured well and badly. */
class AuditedTopicsCheckTest {

    private static final String SERVERS = TestKafka.shared().bootstrapServers();

    @Test
    void theCatalogueTopicsPass() {
        assertEquals(List.of(), AuditedTopicsCheck.violations(SERVERS, AuditedTopicsCheck.AUDITED_TOPICS));
    }

    @Test
    void aCompactedAuditTopicIsRefusedSayingWhy() throws Exception {
        String compacted = scratchTopic(Map.of("cleanup.policy", "compact", "retention.ms", "-1"));

        List<String> violations = AuditedTopicsCheck.violations(SERVERS, List.of(compacted));

        assertEquals(List.of(compacted + " has cleanup.policy=compact: compaction deletes records"), violations);
    }

    @Test
    void aShortRetentionAuditTopicIsRefusedSayingWhy() throws Exception {
        String shortLived = scratchTopic(Map.of("cleanup.policy", "delete", "retention.ms", "86400000"));

        List<String> violations = AuditedTopicsCheck.violations(SERVERS, List.of(shortLived));

        assertEquals(1, violations.size());
        assertTrue(violations.get(0).startsWith(shortLived + " has retention.ms=86400000"), violations::toString);
    }

    /** A new topic's settings reach the broker's metadata a moment after the creation is acknowledged. */
    private static void awaitConfigsKnown(Admin admin, String topic) throws InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                admin.describeConfigs(List.of(resource)).all().get();
                return;
            } catch (ExecutionException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the settings of " + topic + " never became known");
    }

    private static String scratchTopic(Map<String, String> settings) throws Exception {
        String name = "scratch.audit.log." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SERVERS))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(settings))).all().get();
            awaitConfigsKnown(admin, name);
        }
        return name;
    }
}
