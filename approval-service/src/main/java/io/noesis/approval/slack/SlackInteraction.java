package io.noesis.approval.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noesis.schemas.DecisionKind;
import io.noesis.service.api.InvalidInputException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A click on Approve or Reject, read from Slack's block_actions callback (form field "payload", JSON).
 *
 * @param actionTs when the user clicked: with the user, it identifies the decision, so a redelivery is harmless
 */
record SlackInteraction(String userId, DecisionKind kind, String episodeId, String actionTs) {

    private static final String FIELD = "payload";

    static SlackInteraction parse(String formBody, ObjectMapper json) {
        JsonNode root = payload(formBody, json);
        JsonNode action = firstAction(root);
        return new SlackInteraction(required(root.path("user").path("id")), kindOf(required(action.path("action_id"))),
                required(action.path("value")), required(action.path("action_ts")));
    }

    /** The form's payload field as JSON; InvalidInputException when there is none or it is not URL-encoded JSON. */
    static JsonNode payload(String formBody, ObjectMapper json) {
        try {
            String payload = Arrays.stream(formBody.split("&"))
                    .filter(pair -> pair.startsWith(FIELD + "="))
                    .map(pair -> URLDecoder.decode(pair.substring(FIELD.length() + 1), StandardCharsets.UTF_8))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException(FIELD, "The form has no payload field."));
            return json.readTree(payload);
        } catch (JsonProcessingException | IllegalArgumentException unreadable) {
            throw new InvalidInputException(FIELD, "The payload is not URL-encoded JSON.");
        }
    }

    /** The clicked button: its value is the episode id. */
    static JsonNode firstAction(JsonNode payload) {
        return payload.path("actions").path(0);
    }

    String decisionId() {
        return "slack-" + userId + "-" + actionTs;
    }

    private static DecisionKind kindOf(String actionId) {
        return switch (actionId) {
            case SlackMessages.APPROVE -> DecisionKind.APPROVE;
            case SlackMessages.REJECT -> DecisionKind.REJECT;
            default -> throw new InvalidInputException(FIELD, "Unknown action " + actionId + ".");
        };
    }

    private static String required(JsonNode node) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new InvalidInputException(FIELD,
                    "The payload lacks user.id or actions[0].action_id/value/action_ts.");
        }
        return node.asText();
    }
}
