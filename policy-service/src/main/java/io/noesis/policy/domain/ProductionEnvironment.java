package io.noesis.policy.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Flags episodes that run against production, whether the request says so in its environment, its tags or its text. */
public final class ProductionEnvironment extends Rule {

    public static final String NAME = "production_environment";
    public static final List<String> DEFAULT_ENVIRONMENTS = List.of("prod", "production");
    public static final List<String> DEFAULT_ENVIRONMENT_TAGS = List.of("env", "environment");
    public static final double RISK_SCORE = 0.7;

    private final Set<String> environments;
    private final Set<String> environmentTags;
    private final WordMatcher mentions;

    public ProductionEnvironment(Definition definition, List<String> environments, List<String> environmentTags) {
        super(definition);
        this.environments = normalized(environments);
        this.environmentTags = normalized(environmentTags);
        this.mentions = new WordMatcher(environments, WordMatcher.Matching.WHOLE_WORD);
    }

    /** The seed's policy: the given environment names, read from env and environment tags. */
    public ProductionEnvironment(List<String> environments, ApprovalTerms terms) {
        this(new Definition(NAME, "1", RISK_SCORE, terms), environments, DEFAULT_ENVIRONMENT_TAGS);
    }

    private static Set<String> normalized(List<String> names) {
        return names.stream().map(WordMatcher::normalize).filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String description() {
        return "Requires approval when the episode targets production: by its environment, an env tag or its text.";
    }

    @Override
    public Optional<Advice> advise(EpisodeContext context) {
        List<String> signals = productionSignals(context);
        if (signals.isEmpty()) {
            return Optional.empty();
        }
        return hold("production environment: " + String.join("; ", signals),
                "Changes to production affect real users; a human confirms them first.");
    }

    private List<String> productionSignals(EpisodeContext context) {
        List<String> signals = new ArrayList<>();
        if (isProduction(context.environment())) {
            signals.add("environment is '" + context.environment().strip() + "'");
        }
        for (Map.Entry<String, String> tag : context.tags().entrySet()) {
            if (environmentTags.contains(WordMatcher.normalize(tag.getKey())) && isProduction(tag.getValue())) {
                signals.add("tag " + tag.getKey() + "=" + tag.getValue());
            }
        }
        context.texts().forEach((what, text) -> mentions.findIn(text)
                .forEach(word -> signals.add(what + " mentions '" + word + "'")));
        return signals;
    }

    private boolean isProduction(String environment) {
        return environments.contains(WordMatcher.normalize(environment));
    }
}
