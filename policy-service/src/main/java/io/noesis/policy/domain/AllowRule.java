package io.noesis.policy.domain;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Waives approval for named low-risk patterns: when the task (or the proposed action) matches one of its
 * regular expressions, what the policies it names say is recorded but no longer holds the episode.
 */
public final class AllowRule extends Rule {

    private final List<Pattern> patterns;
    private final Set<String> waives;

    public AllowRule(Definition definition, List<String> patterns, Set<String> waives) {
        super(definition);
        if (waives.isEmpty()) {
            throw new IllegalArgumentException("an allow rule must name the policies it waives");
        }
        this.patterns = patterns.stream()
                .map(pattern -> Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .toList();
        this.waives = Set.copyOf(waives);
    }

    public boolean waives(String policy) {
        return waives.contains(policy);
    }

    public Set<String> waived() {
        return waives;
    }

    @Override
    public String description() {
        return "Waives the approval " + waives.stream().sorted().toList() + " would require for " + patterns + ".";
    }

    @Override
    public Optional<Advice> advise(EpisodeContext context) {
        return patterns.stream()
                .filter(pattern -> pattern.matcher(context.subjectText()).matches())
                .findFirst()
                .map(pattern -> new Advice("Proceed without approval.", new Patch(false, null),
                        "Matches the low-risk pattern '" + pattern.pattern() + "'.", 0.0,
                        ApprovalTerms.ANY_SINGLE_APPROVER));
    }
}
