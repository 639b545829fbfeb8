package io.noesis.audit.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a topic the audit relies on must keep: every record, forever. A compacted topic drops all but the
 * last record of a key and a finite retention drops old records; either leaves gaps no replay can fill
 * and, on the audit log itself, breaks the chain.
 */
public final class RetentionRule {

    static final String KEEP_FOREVER = "-1";

    /** Why the topic with these settings cannot be audited; empty when it can. */
    public static List<String> violations(String topic, Map<String, String> settings) {
        List<String> violations = new ArrayList<>();
        String cleanup = settings.getOrDefault("cleanup.policy", "delete");
        if (cleanup.contains("compact")) {
            violations.add(topic + " has cleanup.policy=" + cleanup + ": compaction deletes records");
        }
        String retentionMs = settings.getOrDefault("retention.ms", KEEP_FOREVER);
        if (!KEEP_FOREVER.equals(retentionMs)) {
            violations.add(topic + " has retention.ms=" + retentionMs + ": records older than that are deleted");
        }
        String retentionBytes = settings.getOrDefault("retention.bytes", KEEP_FOREVER);
        if (!KEEP_FOREVER.equals(retentionBytes)) {
            violations.add(topic + " has retention.bytes=" + retentionBytes + ": the oldest records are deleted");
        }
        return violations;
    }

    private RetentionRule() {
    }
}
