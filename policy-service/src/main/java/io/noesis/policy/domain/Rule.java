package io.noesis.policy.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A policy configured from the rule file: its name and version, how risky what it flags is, and who approves it. */
public abstract class Rule implements DirectedIntuition {

    /** The settings every rule has. */
    public record Definition(String name, String version, double riskScore, ApprovalTerms terms) {

        public Definition {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a rule needs a name");
            }
            if (!(riskScore >= 0.0 && riskScore <= 1.0)) {
                throw new IllegalArgumentException("risk score must be between 0.0 and 1.0, was " + riskScore);
            }
        }
    }

    private final Definition definition;

    protected Rule(Definition definition) {
        this.definition = definition;
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public String version() {
        return definition.version();
    }

    protected Optional<Advice> hold(String reason, String rationale) {
        return hold(reason, rationale, definition.riskScore());
    }

    protected Optional<Advice> hold(String reason, String rationale, double riskScore) {
        return Optional.of(new Advice(Advice.HOLD_FOR_APPROVAL, new Patch(true, reason), rationale, riskScore,
                definition.terms()));
    }

    /** "in the task: a, b; in the action: c" for the words found in each of the context's texts. */
    static String wordsFound(WordMatcher matcher, EpisodeContext context) {
        List<String> places = new ArrayList<>();
        context.texts().forEach((what, text) -> {
            Set<String> found = matcher.findIn(text);
            if (!found.isEmpty()) {
                places.add("in the " + what + ": " + String.join(", ", found));
            }
        });
        return String.join("; ", places);
    }
}
