package io.noesis.audit.replay;

import io.noesis.audit.domain.AuditChain;
import io.noesis.audit.domain.AuditEntry;
import io.noesis.audit.domain.ChainLink;
import io.noesis.audit.domain.ChainState;
import io.noesis.audit.streams.AuditRecords;
import io.noesis.audit.streams.AuditedSource;
import io.noesis.schemas.AuditRecord;
import io.noesis.schemas.Topics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Rebuilds the trail from the source topics, told and chained as the live topology does it, and compares
 * it with the audit log record by record. The chain's order across topics is whatever order the live
 * topology happened to read them in, so each logged link is compared with the link its source record
 * makes at the same place in the chain (its position, prev_hash and recording time): equal links have
 * equal hashes.
 *
 * <p>The live topology reads each source partition in offset order and the one-partition chain keeps that
 * order, so the links of one source partition follow each other in the log by increasing source offset. The
 * comparison therefore reads the log once and moves a cursor on each source partition up to the source
 * offset of each link: a source record the cursor passes over had no link, a link behind its cursor names a
 * record already linked or passed. It holds no more than one poll's records per source partition, so a
 * range of any length is rebuilt in constant memory.
 */
public final class TrailComparison implements AutoCloseable {

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

    /** An audited topic with the cursors the comparison reads it by; one type of value, so told without casts. */
    private record Source<V>(AuditedSource<V> audited, PartitionCursors<V> cursors) {

        AuditEntry tell(ConsumerRecord<String, V> record) {
            return audited.tell(record.key(), record.value(), record.partition(), record.offset(), record.timestamp());
        }
    }

    /** The fields a difference is named by, in the order an auditor reads them; the hash last, as it covers all. */
    private static final Map<String, Function<ChainLink, Object>> FIELDS = fields();

    /** By topic name, so that the records left at the end are reported in topic order. */
    private final Map<String, Source<?>> sources = new TreeMap<>();
    private long compared;
    private long differences;
    private Difference firstDifference;

    private TrailComparison() {
    }

    /** @param from the first source record time to replay, or null for the beginning */
    public static Result run(Map<String, Object> clientConfig, ReplayDeserializers deserializers, String logTopic, Instant from,
            Progress progress) {
        try (TrailComparison comparison = open(clientConfig, deserializers, from, progress);
                TopicScan<AuditRecord> log = TopicScan.open(clientConfig, logTopic,
                        deserializers.of(Topics.AUDIT_LOG), null)) {
            progress.expect(log.span());
            log.forEach(record -> {
                progress.advance();
                comparison.compare(LogPlace.of(record), record.value());
                return true;
            });
            comparison.reportUnlinked();
            return comparison.result();
        }
    }

    /** Opens every source's range before the log, so that each link of a record in the range can be in the log. */
    private static TrailComparison open(Map<String, Object> clientConfig, ReplayDeserializers deserializers, Instant from,
            Progress progress) {
        TrailComparison comparison = new TrailComparison();
        try {
            AuditedSource.ALL.forEach(source -> comparison.add(clientConfig, deserializers, source, from, progress));
            return comparison;
        } catch (RuntimeException e) {
            comparison.close();
            throw e;
        }
    }

    private <V> void add(Map<String, Object> clientConfig, ReplayDeserializers deserializers, AuditedSource<V> source,
            Instant from, Progress progress) {
        sources.put(source.topic().name(), new Source<>(source, PartitionCursors.open(clientConfig,
                source.topic().name(), deserializers.of(source.topic()), from, progress)));
    }

    private void compare(LogPlace place, AuditRecord record) {
        if (record == null) {
            differ(place, "a record without a value");
            return;
        }
        ChainLink logged = AuditRecords.toLink(record);
        Source<?> source = sources.get(logged.sourceTopic());
        if (source != null && source.cursors().inRange(sourcePartition(logged), logged.sourceOffset())) {
            compared++;
            compare(place, logged, source);
        }
    }

    private <V> void compare(LogPlace place, ChainLink logged, Source<V> source) {
        TopicPartition partition = sourcePartition(logged);
        String sourceRecord = partition + "@" + logged.sourceOffset();
        if (source.cursors().isPast(partition, logged.sourceOffset())) {
            differ(place, "no source record " + sourceRecord + " is left for this link: it was inserted or recorded twice");
            return;
        }
        source.cursors().passTo(partition, logged.sourceOffset(), this::unlinked);
        // The live topology skips records it cannot read or that have no value (the scan skips the former
        // too), so a link to one was not written by it.
        source.cursors().takeAt(partition, logged.sourceOffset()).filter(record -> record.value() != null)
                .ifPresentOrElse(record -> check(place, logged, sourceRecord, source.tell(record)), () -> differ(place,
                        "there is no readable source record " + sourceRecord + " for this link: it was inserted"));
    }

    private void check(LogPlace place, ChainLink logged, String sourceRecord, AuditEntry entry) {
        ChainLink expected = AuditChain.append(new ChainState(logged.position(), logged.prevHash()), entry,
                logged.recordedAt());
        if (!expected.equals(logged)) {
            differ(place, "differs from its source record " + sourceRecord + ": " + firstDifferentField(expected, logged));
        }
    }

    private static TopicPartition sourcePartition(ChainLink link) {
        return new TopicPartition(link.sourceTopic(), link.sourcePartition());
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

    /** A source record a cursor passed over or was left at the end: no link names it. */
    private void unlinked(ConsumerRecord<String, ?> record) {
        if (record.value() != null) {
            differ(LogPlace.of(record), "this source record has no link in the audit log");
        }
    }

    private void reportUnlinked() {
        sources.values().forEach(source -> source.cursors().drain(this::unlinked));
    }

    private void differ(LogPlace place, String reason) {
        differences++;
        if (firstDifference == null) {
            firstDifference = new Difference(place, reason);
        }
    }

    private Result result() {
        Map<String, Long> startOffsets = new TreeMap<>();
        sources.values().forEach(source -> source.cursors().startOffsets()
                .forEach((partition, offset) -> startOffsets.put(partition.toString(), offset)));
        return new Result(differences == 0, compared, differences, firstDifference, Map.copyOf(startOffsets));
    }

    @Override
    public void close() {
        sources.values().forEach(source -> source.cursors().close());
    }
}
