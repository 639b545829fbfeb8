package io.noesis.policy.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a policy looks at: the episode's task, its tags, the environment it runs in (null when unsaid) and,
 * when an agent proposes one mid-run, the action (null when the request itself is evaluated).
 */
public record EpisodeContext(String task, Map<String, String> tags, String environment, ProposedAction action) {

    public EpisodeContext {
        task = task == null ? "" : task;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public EpisodeContext(String task, Map<String, String> tags, String environment) {
        this(task, tags, environment, null);
    }

    public EpisodeContext withAction(ProposedAction proposed) {
        return new EpisodeContext(task, tags, environment, proposed);
    }

    /** The request's plan, or the action proposed in its light. */
    public Target target() {
        return action == null ? Target.PLAN : Target.ACTION;
    }

    /** The texts a policy reads, by what they are ("task", "action"), in that order. */
    public Map<String, String> texts() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("task", task);
        if (action != null) {
            texts.put("action", action.text());
        }
        return texts;
    }

    /** The text an allow rule judges: the action when there is one, else the task. */
    public String subjectText() {
        return action == null ? task : action.text();
    }
}
