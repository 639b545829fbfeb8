package io.noesis.audit.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionRuleTest {

    @Test
    void aTopicThatKeepsEverythingForeverPasses() {
        assertEquals(List.of(), RetentionRule.violations("t",
                Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1")));
    }

    @Test
    void compactionAndEveryFiniteRetentionAreNamed() {
        assertEquals(List.of("t has cleanup.policy=compact,delete: compaction deletes records",
                        "t has retention.ms=1000: records older than that are deleted",
                        "t has retention.bytes=5: the oldest records are deleted"),
                RetentionRule.violations("t", Map.of("cleanup.policy", "compact,delete", "retention.ms", "1000",
                        "retention.bytes", "5")));
    }
}
