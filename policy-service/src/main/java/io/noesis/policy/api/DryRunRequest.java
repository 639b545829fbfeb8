package io.noesis.policy.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.noesis.policy.domain.EpisodeContext;
import io.noesis.policy.domain.PolicySelection;
import io.noesis.policy.domain.ProposedAction;
import io.noesis.service.api.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of POST /policies/evaluate: an episode as a request would describe it and, optionally, an action
 * its agent proposes, evaluated without running anything.
 */
public record DryRunRequest(String task, Map<String, String> tags, String environment, JsonNode intuition,
        DryRunAction action) {

    /** An action as an agent would propose it; the id is optional here since nothing will refer to it. */
    public record DryRunAction(String actionId, String action, String description) {

        ProposedAction proposed() {
            if (action == null || action.isBlank()) {
                throw new InvalidInputException("action.action", "a proposed action needs its action text");
            }
            return new ProposedAction(actionId == null ? "dry-run" : actionId, action, description);
        }
    }

    EpisodeContext context() {
        if (task == null) {
            throw new InvalidInputException("task", "task is required");
        }
        if (task.isBlank()) {
            throw new InvalidInputException("task", "task must not be blank");
        }
        if (tags != null) {
            tags.forEach((name, value) -> {
                if (value == null) {
                    throw new InvalidInputException("tags." + name, "tag values must be strings");
                }
            });
        }
        return new EpisodeContext(task, tags, environment, action == null ? null : action.proposed());
    }

    /** Like a request's intuition: absent, null or true selects every policy, false none, a list the named ones. */
    PolicySelection selection() {
        if (intuition == null || intuition.isNull()) {
            return PolicySelection.all();
        }
        if (intuition.isBoolean()) {
            return intuition.booleanValue() ? PolicySelection.all() : PolicySelection.none();
        }
        if (!intuition.isArray()) {
            throw new InvalidInputException("intuition", "intuition must be true, false, null or a list of policy names");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < intuition.size(); i++) {
            JsonNode name = intuition.get(i);
            if (!name.isTextual() || name.textValue().isBlank()) {
                throw new InvalidInputException("intuition[" + i + "]", "policy names must be non-empty strings");
            }
            names.add(name.textValue());
        }
        return PolicySelection.named(names);
    }
}
