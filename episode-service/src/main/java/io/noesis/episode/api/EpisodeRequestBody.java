package io.noesis.episode.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.noesis.schemas.EpisodeRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** The body of POST /episodes, in the seed's terms. The requester is never part of it: it comes from the token. */
public record EpisodeRequestBody(String task, JsonNode intuition, Map<String, String> tags, String environment,
        String parentEpisodeId, String episodeId) {

    /** The record as it would go to the topic; not yet validated (the builder would throw on a missing task). */
    public EpisodeRequest toRecord(String assignedId, String requestedBy, Instant now) {
        return new EpisodeRequest(assignedId, task, intuitionSelection(), tags == null ? Map.of() : tags, environment,
                requestedBy, parentEpisodeId, now);
    }

    /**
     * The policy selection in the record's terms (null, Boolean or a list of names). Anything else is
     * passed on as it is, for the request rules to name as the violation.
     */
    private Object intuitionSelection() {
        if (intuition == null || intuition.isNull()) {
            return null;
        }
        if (intuition.isBoolean()) {
            return intuition.booleanValue();
        }
        if (intuition.isArray()) {
            List<Object> names = StreamSupport.stream(intuition.spliterator(), false)
                    .map(name -> name.isTextual() ? name.textValue() : name)
                    .toList();
            return names;
        }
        return intuition;
    }
}
