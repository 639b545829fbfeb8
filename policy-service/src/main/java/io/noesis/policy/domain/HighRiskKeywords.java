package io.noesis.policy.domain;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Flags tasks that name destructive or outward-facing operations (delete, drop, deploy...). */
public final class HighRiskKeywords implements DirectedIntuition {

    public static final String NAME = "high_risk_keywords";
    public static final List<String> DEFAULT_KEYWORDS = List.of("delete", "drop", "truncate", "deploy", "rollback");
    static final double RISK_SCORE = 0.8;

    private final WholeWords keywords;
    private final ApprovalTerms terms;

    public HighRiskKeywords(List<String> keywords, ApprovalTerms terms) {
        this.keywords = new WholeWords(keywords);
        this.terms = terms;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Requires approval when the task names a destructive or deploying operation as a whole word.";
    }

    @Override
    public Optional<Advice> advise(EpisodeContext context) {
        Set<String> found = keywords.findIn(context.task());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Advice(
                Advice.HOLD_FOR_APPROVAL,
                new Patch(true, "high-risk keyword(s) in the task: " + String.join(", ", found)),
                "These operations can destroy data or change running systems and are hard to undo.",
                RISK_SCORE,
                terms));
    }
}
