package io.noesis.audit.replay;

import io.noesis.audit.domain.AuditChain;
import io.noesis.audit.domain.AuditEntry;
import io.noesis.audit.domain.ChainLink;
import io.noesis.audit.domain.ChainState;
import io.noesis.audit.streams.AuditRecords;
import io.noesis.audit.streams.AuditedSource;
import io.noesis.schemas.AuditRecord;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Rebuilds the trail from the source topics into a fresh view, told and chained as the live topology
 * does it, and compares it with the audit log record by record. The chain's order across topics is
 * whatever order the live topology happened to read them in, so each logged link is compared with the
 * link its source record makes at the same place in the chain (its position, prev_hash and recording
 * time): equal links have equal hashes. The view holds the entries of the replayed range in memory.
 */
public final class TrailComparison {

    /** A difference: where it shows, what the rebuilt trail expected there and what the log has. */
    public record Difference(LogPlace place, String reason) {
    }

    /**
     * @param startOffsets where the replay began in each source partition ("topic-partition" → offset)
     * @param compared logged links that had a source record in the range
     * @param differences how many links differ, are missing or have no source record
     */
    public record Result(boolean matches, long compared, long differences, Difference firstDifference,
            Map<String, Long> startOffsets) implements ReplayResult {

        @Override
        public boolean passed() {
            return matches;
        }
    }

    private record SourceRef(String topic, int partition, long offset) {
    }

    /** The fields a difference is named by, in the order an auditor reads them; the hash last, as it covers all. */
    private static final Map<String, Function<ChainLink, Object>> FIELDS = fields();

    private final Map<String, Long> startOffsets = new TreeMap<>();
    private final Map<String, Long> endOffsets = new HashMap<>();
    private final Map<SourceRef, AuditEntry> rebuilt = new HashMap<>();
    /** Source offsets in the range so far: an upper bound of the records the rebuilt view will hold. */
    private long spanned;
    private long compared;
    private long differences;
    private Difference firstDifference;

    /**
     * @param from the first source record time to replay, or null for the beginning
     * @param maxRecords the most source records the rebuilt view may hold: a longer range fails before it is
     *                   read, rather than filling the service's memory
     */
    public static Result run(Map<String, Object> clientConfig, RegistrySerdes serdes, String logTopic, Instant from,
            long maxRecords, Progress progress) {
        TrailComparison comparison = new TrailComparison();
        AuditedSource.ALL.forEach(source -> comparison.rebuild(clientConfig, serdes, source, from, maxRecords, progress));
        try (TopicScan<AuditRecord> log = TopicScan.open(clientConfig, logTopic,
                serdes.valueSerde(Topics.AUDIT_LOG).deserializer(), null)) {
            progress.expect(log.span());
            log.forEach(record -> {
                progress.advance();
                comparison.compare(LogPlace.of(record), record.value());
                return true;
            });
        }
        comparison.reportMissing();
        return comparison.result();
    }

    private <V> void rebuild(Map<String, Object> clientConfig, RegistrySerdes serdes, AuditedSource<V> source,
            Instant from, long maxRecords, Progress progress) {
        try (TopicScan<V> scan = TopicScan.open(clientConfig, source.topic().name(),
                serdes.valueSerde(source.topic()).deserializer(), from)) {
            spanned += scan.span();
            if (spanned > maxRecords) {
                throw new IllegalArgumentException("The range holds more than " + maxRecords + " source records (" + spanned
                        + " so far), more than a rebuild keeps in memory (noesis.audit.rebuild-max-records); rebuild a"
                        + " shorter range with from");
            }
            progress.expect(scan.span());
            scan.startOffsets().forEach((partition, offset) -> startOffsets.put(partition.toString(), offset));
            scan.endOffsets().forEach((partition, offset) -> endOffsets.put(partition.toString(), offset));
            scan.forEach(record -> {
                progress.advance();
                if (record.value() != null) {
                    rebuilt.put(new SourceRef(record.topic(), record.partition(), record.offset()),
                            source.tell(record.key(), record.value(), record.partition(), record.offset(),
                                    record.timestamp()));
                }
                return true;
            });
        }
    }

    private void compare(LogPlace place, AuditRecord record) {
        if (record == null) {
            differ(place, "a record without a value");
            return;
        }
        ChainLink logged = AuditRecords.toLink(record);
        String sourcePartition = logged.sourceTopic() + "-" + logged.sourcePartition();
        if (!inReplayedRange(sourcePartition, logged.sourceOffset())) {
            return;
        }
        compared++;
        AuditEntry entry = rebuilt.remove(new SourceRef(logged.sourceTopic(), logged.sourcePartition(),
                logged.sourceOffset()));
        if (entry == null) {
            differ(place, "no source record " + sourcePartition + "@" + logged.sourceOffset()
                    + " is left for this link: it was inserted or recorded twice");
            return;
        }
        ChainLink expected = AuditChain.append(new ChainState(logged.position(), logged.prevHash()), entry,
                logged.recordedAt());
        if (!expected.equals(logged)) {
            differ(place, "differs from its source record " + sourcePartition + "@" + logged.sourceOffset() + ": "
                    + firstDifferentField(expected, logged));
        }
    }

    private boolean inReplayedRange(String sourcePartition, long offset) {
        Long start = startOffsets.get(sourcePartition);
        return start != null && offset >= start && offset < endOffsets.get(sourcePartition);
    }

    private static Map<String, Function<ChainLink, Object>> fields() {
        Map<String, Function<ChainLink, Object>> fields = new LinkedHashMap<>();
        fields.put("episode_id", ChainLink::episodeId);
        fields.put("source_timestamp", ChainLink::sourceTimestamp);
        fields.put("actor", ChainLink::actor);
        fields.put("action", ChainLink::action);
        fields.put("summary", ChainLink::summary);
        fields.put("hash", ChainLink::hash);
        return fields;
    }

    private static String firstDifferentField(ChainLink expected, ChainLink logged) {
        return FIELDS.entrySet().stream()
                .filter(field -> !Objects.equals(field.getValue().apply(expected), field.getValue().apply(logged)))
                .findFirst()
                .map(field -> field.getKey() + " is " + quoted(field.getValue().apply(logged)) + " where the source tells "
                        + quoted(field.getValue().apply(expected)))
                .orElse("the link differs");
    }

    private static String quoted(Object value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private void reportMissing() {
        rebuilt.keySet().stream()
                .sorted(Comparator.comparing(SourceRef::topic).thenComparingInt(SourceRef::partition)
                        .thenComparingLong(SourceRef::offset))
                .forEach(missing -> differ(new LogPlace(missing.topic(), missing.partition(), missing.offset()),
                        "this source record has no link in the audit log"));
    }

    private void differ(LogPlace place, String reason) {
        differences++;
        if (firstDifference == null) {
            firstDifference = new Difference(place, reason);
        }
    }

    private Result result() {
        return new Result(differences == 0, compared, differences, firstDifference, Map.copyOf(startOffsets));
    }
}
