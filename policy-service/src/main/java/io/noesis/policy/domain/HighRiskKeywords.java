package io.noesis.policy.domain;

import java.util.List;
import java.util.Optional;

/** Flags tasks and actions that name destructive or outward-facing operations (delete, drop, deploy...). */
public final class HighRiskKeywords extends Rule {

    public static final String NAME = "high_risk_keywords";
    public static final List<String> DEFAULT_KEYWORDS = List.of("delete", "drop", "truncate", "deploy", "rollback");
    public static final double RISK_SCORE = 0.8;

    private final WordMatcher keywords;

    public HighRiskKeywords(Definition definition, List<String> keywords, WordMatcher.Matching matching) {
        super(definition);
        this.keywords = new WordMatcher(keywords, matching);
    }

    /** The seed's policy: the given keywords as whole words. */
    public HighRiskKeywords(List<String> keywords, ApprovalTerms terms) {
        this(new Definition(NAME, "1", RISK_SCORE, terms), keywords, WordMatcher.Matching.WHOLE_WORD);
    }

    @Override
    public String description() {
        return "Requires approval when the task or action names a destructive or deploying operation.";
    }

    @Override
    public Optional<Advice> advise(EpisodeContext context) {
        String found = wordsFound(keywords, context);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return hold("high-risk keyword(s) " + found,
                "These operations can destroy data or change running systems and are hard to undo.");
    }
}
