package io.noesis.approval.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noesis.service.api.InvalidInputException;
import java.util.regex.Pattern;

/**
 * Who and what a Slack callback says it is about, read from a body whose signature did not verify: nothing
 * here is trusted. The caller wrote every byte, so each value is cut to a few dozen characters, and an
 * episode id is kept only when it has the shape of one, as it becomes a Kafka key and names a trail.
 *
 * @param episodeId the episode the clicked button named, or null
 * @param userId the Slack user the payload named, or null
 * @param teamId the Slack team (workspace) the payload named, or null
 */
record SlackClaims(String episodeId, String userId, String teamId) {

    /** The episode ids episode-service accepts (its EpisodeRequestRules): anything else names no episode. */
    private static final Pattern EPISODE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** Slack ids are about a dozen characters; an address fits too. */
    static final int MAX_LENGTH = 64;

    static final SlackClaims NONE = new SlackClaims(null, null, null);

    /** What the body claims; NONE when it is not a Slack payload at all. */
    static SlackClaims read(String formBody, ObjectMapper json) {
        JsonNode payload;
        try {
            payload = SlackInteraction.payload(formBody, json);
        } catch (InvalidInputException notAPayload) {
            return NONE;
        }
        String episodeId = textOf(SlackInteraction.firstAction(payload).path("value"));
        return new SlackClaims(episodeId != null && EPISODE_ID.matcher(episodeId).matches() ? episodeId : null,
                bounded(textOf(payload.path("user").path("id"))), bounded(textOf(payload.path("team").path("id"))));
    }

    /** The text cut to {@link #MAX_LENGTH} characters (never half a surrogate pair), or null. */
    static String bounded(String text) {
        if (text == null || text.length() <= MAX_LENGTH) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return text.substring(0, end) + "…";
    }

    private static String textOf(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
