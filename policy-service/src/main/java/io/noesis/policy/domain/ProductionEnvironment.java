package io.noesis.policy.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Flags episodes that run against production, whether the request says so in its environment, its tags or its task. */
public final class ProductionEnvironment implements DirectedIntuition {

    public static final String NAME = "production_environment";
    public static final List<String> DEFAULT_ENVIRONMENTS = List.of("prod", "production");
    static final Set<String> ENVIRONMENT_TAGS = Set.of("env", "environment");
    static final double RISK_SCORE = 0.7;

    private final Set<String> environments;
    private final WholeWords mentions;
    private final ApprovalTerms terms;

    public ProductionEnvironment(List<String> environments, ApprovalTerms terms) {
        this.environments = environments.stream().map(WholeWords::normalize).filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.mentions = new WholeWords(environments);
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
        return "Requires approval when the episode targets production: by its environment, an env tag or its task.";
    }

    @Override
    public Optional<Advice> advise(EpisodeContext context) {
        List<String> signals = productionSignals(context);
        if (signals.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Advice(
                Advice.HOLD_FOR_APPROVAL,
                new Patch(true, "production environment: " + String.join("; ", signals)),
                "Changes to production affect real users; a human confirms them first.",
                RISK_SCORE,
                terms));
    }

    private List<String> productionSignals(EpisodeContext context) {
        List<String> signals = new ArrayList<>();
        if (isProduction(context.environment())) {
            signals.add("environment is '" + context.environment().strip() + "'");
        }
        for (Map.Entry<String, String> tag : context.tags().entrySet()) {
            if (ENVIRONMENT_TAGS.contains(WholeWords.normalize(tag.getKey())) && isProduction(tag.getValue())) {
                signals.add("tag " + tag.getKey() + "=" + tag.getValue());
            }
        }
        mentions.findIn(context.task()).forEach(word -> signals.add("task mentions '" + word + "'"));
        return signals;
    }

    private boolean isProduction(String environment) {
        return environments.contains(WholeWords.normalize(environment));
    }
}
