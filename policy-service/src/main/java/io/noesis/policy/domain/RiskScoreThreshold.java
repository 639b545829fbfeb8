package io.noesis.policy.domain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Scores an episode and holds it when the score reaches the threshold. The score is the request's own
 * estimate in a tag (e.g. risk_score=0.9) when it gives one, else the sum, capped at 1.0, of the weights of
 * the signal words found in its texts.
 */
public final class RiskScoreThreshold extends Rule {

    /** A word whose presence adds its weight to the score. */
    private record Signal(WordMatcher word, double weight) {
    }

    private final String scoreTag;
    private final List<Signal> signals;
    private final double threshold;

    public RiskScoreThreshold(Definition definition, String scoreTag, Map<String, Double> weights, double threshold) {
        super(definition);
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("threshold must be between 0.0 and 1.0, was " + threshold);
        }
        this.scoreTag = scoreTag;
        this.signals = weights.entrySet().stream()
                .map(weight -> new Signal(new WordMatcher(List.of(weight.getKey()), WordMatcher.Matching.WHOLE_WORD),
                        weight.getValue()))
                .toList();
        this.threshold = threshold;
    }

    @Override
    public String description() {
        return "Requires approval when the risk score (tag " + scoreTag + " or weighted signals) reaches "
                + threshold + ".";
    }

    @Override
    public Optional<Advice> advise(EpisodeContext context) {
        Optional<String> tagged = tagValue(context);
        if (tagged.isPresent()) {
            return adviseOnTag(tagged.get());
        }
        double score = Math.min(1.0, signals.stream()
                .filter(signal -> context.texts().values().stream().anyMatch(text -> !signal.word().findIn(text).isEmpty()))
                .mapToDouble(Signal::weight).sum());
        return adviseOnScore(score, "weighted signals");
    }

    private Optional<String> tagValue(EpisodeContext context) {
        return context.tags().entrySet().stream()
                .filter(tag -> WordMatcher.normalize(tag.getKey()).equals(WordMatcher.normalize(scoreTag)))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** A score that cannot be read is no reason to let the episode through: it is held as if at the maximum. */
    private Optional<Advice> adviseOnTag(String value) {
        double score;
        try {
            score = Double.parseDouble(value.strip());
        } catch (NumberFormatException notANumber) {
            score = Double.NaN;
        }
        if (!(score >= 0.0 && score <= 1.0)) {
            return hold("tag " + scoreTag + "=" + value + " is not a score between 0.0 and 1.0",
                    "An unreadable risk score cannot show the episode is safe.", 1.0);
        }
        return adviseOnScore(score, "tag " + scoreTag);
    }

    private Optional<Advice> adviseOnScore(double score, String source) {
        if (score < threshold) {
            return Optional.empty();
        }
        return hold(String.format(Locale.ROOT, "risk score %.2f from %s reaches the threshold %.2f",
                score, source, threshold), "The episode is scored as risky enough to need a human.", score);
    }
}
