package io.noesis.episode.domain;

import io.noesis.schemas.EpisodeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a well-formed episode request looks like. The REST API and the topology apply the same rules,
 * so a request that the API would refuse is refused on the topic too.
 */
public final class EpisodeRequestRules {

    public static final int MAX_TASK_LENGTH = 10_000;
    public static final int MAX_TAGS = 50;
    public static final int MAX_TAG_VALUE_LENGTH = 256;
    public static final int MAX_POLICIES = 20;

    private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern EPISODE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern POLICY_NAME = Pattern.compile("[a-z0-9_-]{1,64}");

    /** Every violation of the rules, in field order; empty when the request is acceptable. */
    public static List<RequestViolation> validate(EpisodeRequest request) {
        List<RequestViolation> violations = new ArrayList<>();
        checkTask(request.getTask(), violations);
        checkIntuition(request.getIntuition(), violations);
        checkTags(request.getTags(), violations);
        checkOptional("environment", request.getEnvironment(), ENVIRONMENT, violations);
        checkOptional("episode_id", request.getEpisodeId(), EPISODE_ID, violations);
        checkOptional("parent_episode_id", request.getParentEpisodeId(), EPISODE_ID, violations);
        return violations;
    }

    /** Whether a text can serve as an episode id (ids become store-key prefixes, so the form matters). */
    public static boolean isEpisodeId(String candidate) {
        return candidate != null && EPISODE_ID.matcher(candidate).matches();
    }

    private static void checkTask(String task, List<RequestViolation> violations) {
        if (task == null || task.isBlank()) {
            violations.add(new RequestViolation("task", "is required and must not be blank"));
        } else if (task.length() > MAX_TASK_LENGTH) {
            violations.add(new RequestViolation("task", "must be at most " + MAX_TASK_LENGTH + " characters"));
        }
    }

    private static void checkIntuition(Object intuition, List<RequestViolation> violations) {
        if (intuition == null || intuition instanceof Boolean) {
            return;
        }
        if (!(intuition instanceof List<?> policies)) {
            violations.add(new RequestViolation("intuition", "must be true, false, null or a list of policy names"));
        } else if (policies.isEmpty() || policies.size() > MAX_POLICIES) {
            violations.add(new RequestViolation("intuition", "must name 1 to " + MAX_POLICIES + " policies"));
        } else if (!policies.stream().allMatch(policy -> policy instanceof String name && POLICY_NAME.matcher(name).matches())) {
            violations.add(new RequestViolation("intuition", "policy names must match " + POLICY_NAME.pattern()));
        }
    }

    private static void checkTags(Map<String, String> tags, List<RequestViolation> violations) {
        if (tags == null) {
            return;
        }
        if (tags.size() > MAX_TAGS) {
            violations.add(new RequestViolation("tags", "must hold at most " + MAX_TAGS + " tags"));
            return;
        }
        tags.forEach((key, value) -> {
            if (key == null || !TAG_KEY.matcher(key).matches()) {
                violations.add(new RequestViolation("tags", "tag key '" + key + "' must match " + TAG_KEY.pattern()));
            } else if (value == null || value.length() > MAX_TAG_VALUE_LENGTH) {
                violations.add(new RequestViolation("tags",
                        "tag '" + key + "' needs a value of at most " + MAX_TAG_VALUE_LENGTH + " characters"));
            }
        });
    }

    private static void checkOptional(String field, String value, Pattern form, List<RequestViolation> violations) {
        if (value != null && !form.matcher(value).matches()) {
            violations.add(new RequestViolation(field, "must match " + form.pattern()));
        }
    }

    private EpisodeRequestRules() {
    }
}
