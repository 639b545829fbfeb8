package io.noesis.policy.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Flags episodes carrying any of the named tag values (e.g. high_risk=true); names and values ignore case. */
public final class TagRule extends Rule {

    public static final double RISK_SCORE = 0.8;

    private final Map<String, String> tags;

    public TagRule(Definition definition, Map<String, String> tags) {
        super(definition);
        this.tags = Map.copyOf(tags);
    }

    @Override
    public String description() {
        return "Requires approval when the request carries one of these tags: " + tags + ".";
    }

    @Override
    public Optional<Advice> advise(EpisodeContext context) {
        List<String> matches = context.tags().entrySet().stream()
                .filter(tag -> tags.entrySet().stream().anyMatch(rule -> same(rule.getKey(), tag.getKey())
                        && same(rule.getValue(), tag.getValue())))
                .map(tag -> tag.getKey() + "=" + tag.getValue())
                .sorted()
                .toList();
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        return hold("tagged " + String.join(", ", matches), "The requester marked the episode as needing care.");
    }

    private static boolean same(String expected, String actual) {
        return WordMatcher.normalize(expected).equals(WordMatcher.normalize(actual));
    }
}
