package io.noesis.policy.domain;

import java.util.Map;

/** What a policy looks at: the episode's task, its tags and the environment it runs in (null when unsaid). */
public record EpisodeContext(String task, Map<String, String> tags, String environment) {

    public EpisodeContext {
        task = task == null ? "" : task;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
