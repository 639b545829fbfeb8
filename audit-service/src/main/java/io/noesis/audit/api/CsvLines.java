package io.noesis.audit.api;

import io.noesis.audit.domain.ChainLink;
import java.time.Instant;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Audit links as RFC 4180 CSV: the audit record's fields in schema order, so the export can be re-verified. */
final class CsvLines {

    static final String HEADER = "position,source_topic,source_partition,source_offset,source_timestamp,recorded_at,"
            + "episode_id,actor,action,summary,prev_hash,hash";

    static String of(ChainLink link) {
        return Stream.of(link.position(), link.sourceTopic(), link.sourcePartition(), link.sourceOffset(),
                        instant(link.sourceTimestamp()), instant(link.recordedAt()), link.episodeId(), link.actor(),
                        link.action(), link.summary(), link.prevHash(), link.hash())
                .map(CsvLines::field).collect(Collectors.joining(","));
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Quotes a field that holds a comma, a quote or a line break, doubling its quotes; null is an empty field. */
    private static String field(Object value) {
        String text = Objects.toString(value, "");
        if (text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private CsvLines() {
    }
}
