package io.noesis.episode.api;

import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.InterventionPatch;
import io.noesis.schemas.IntuitionApplied;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * GET /episodes/{id}/events: one page of the episode's log in sequence order, payloads as plain JSON
 * objects, and the from_sequence of the next page (null on the last).
 */
public record EpisodeLog(String episodeId, List<Entry> events, Long nextFromSequence) {

    public record Entry(String eventId, String episodeId, long sequence, String type, Instant time, String source,
            Map<String, Object> payload) {
    }

    /** @param events up to pageSize + 1 events: one more than the page holds when another page follows */
    public static EpisodeLog of(String episodeId, List<EpisodeEvent> events, int pageSize) {
        List<Entry> page = events.stream().limit(pageSize).map(EpisodeLog::entry).toList();
        Long next = events.size() > pageSize ? events.get(pageSize).getSequence() : null;
        return new EpisodeLog(episodeId, page, next);
    }

    static Entry entry(EpisodeEvent event) {
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) plain(event.getPayload());
        if (event.getType() == EpisodeEventType.INTUITION) {
            liftPatch((IntuitionApplied) event.getPayload(), payload);
        }
        return new Entry(event.getEventId(), event.getEpisodeId(), event.getSequence(), event.getType().name(),
                event.getTime(), event.getSource(), payload);
    }

    /** The seed's clients read payload.requires_approval and payload.risk_reason of an intuition event directly. */
    private static void liftPatch(IntuitionApplied intuition, Map<String, Object> payload) {
        InterventionPatch patch = intuition.getIntervention().getPatch();
        payload.put("requires_approval", patch.getRequiresApproval());
        payload.put("risk_reason", patch.getRiskReason());
    }

    /** Avro values as JSON-ready Java values; record fields keep their schema (snake_case) names. */
    private static Object plain(Object value) {
        if (value instanceof IndexedRecord record) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Schema.Field field : record.getSchema().getFields()) {
                fields.put(field.name(), plain(record.get(field.pos())));
            }
            return fields;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> entries = new LinkedHashMap<>();
            map.forEach((key, entry) -> entries.put(key.toString(), plain(entry)));
            return entries;
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(EpisodeLog::plain).toList();
        }
        if (value instanceof CharSequence || value instanceof Enum<?> || value instanceof GenericEnumSymbol<?>) {
            return value.toString();
        }
        return value;
    }
}
