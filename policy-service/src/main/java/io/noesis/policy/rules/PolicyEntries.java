package io.noesis.policy.rules;

import static io.noesis.policy.rules.PolicyEntry.definition;
import static io.noesis.policy.rules.PolicyEntry.required;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.noesis.policy.domain.AllowRule;
import io.noesis.policy.domain.HighRiskKeywords;
import io.noesis.policy.domain.ProductionEnvironment;
import io.noesis.policy.domain.RiskScoreThreshold;
import io.noesis.policy.domain.Rule;
import io.noesis.policy.domain.TagRule;
import io.noesis.policy.domain.WordMatcher;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The kinds of policy a rule file can hold, as written in it. */
final class PolicyEntries {

    /** Holds the rule its creator built. */
    abstract static class Built implements PolicyEntry {

        private final Rule rule;

        Built(Rule rule) {
            this.rule = rule;
        }

        @Override
        public Rule rule() {
            return rule;
        }
    }

    static final class Keywords extends Built {

        @JsonCreator
        Keywords(@JsonProperty("name") String name, @JsonProperty("version") String version,
                @JsonProperty("risk_score") Double riskScore, @JsonProperty("approval") Approval approval,
                @JsonProperty("keywords") List<String> keywords, @JsonProperty("match") WordMatcher.Matching match) {
            super(new HighRiskKeywords(definition(name, version, riskScore, HighRiskKeywords.RISK_SCORE, approval),
                    required("keywords", keywords), match == null ? WordMatcher.Matching.WHOLE_WORD : match));
        }
    }

    static final class Production extends Built {

        @JsonCreator
        Production(@JsonProperty("name") String name, @JsonProperty("version") String version,
                @JsonProperty("risk_score") Double riskScore, @JsonProperty("approval") Approval approval,
                @JsonProperty("environments") List<String> environments,
                @JsonProperty("environment_tags") List<String> environmentTags) {
            super(new ProductionEnvironment(definition(name, version, riskScore, ProductionEnvironment.RISK_SCORE, approval),
                    required("environments", environments),
                    environmentTags == null ? ProductionEnvironment.DEFAULT_ENVIRONMENT_TAGS : environmentTags));
        }
    }

    static final class RiskScore extends Built {

        @JsonCreator
        RiskScore(@JsonProperty("name") String name, @JsonProperty("version") String version,
                @JsonProperty("approval") Approval approval, @JsonProperty("score_tag") String scoreTag,
                @JsonProperty("weights") Map<String, Double> weights,
                @JsonProperty(value = "threshold", required = true) double threshold) {
            super(new RiskScoreThreshold(definition(name, version, null, 1.0, approval),
                    scoreTag == null ? "risk_score" : scoreTag, weights == null ? Map.of() : weights, threshold));
        }
    }

    static final class Tags extends Built {

        @JsonCreator
        Tags(@JsonProperty("name") String name, @JsonProperty("version") String version,
                @JsonProperty("risk_score") Double riskScore, @JsonProperty("approval") Approval approval,
                @JsonProperty("tags") Map<String, String> tags) {
            super(new TagRule(definition(name, version, riskScore, TagRule.RISK_SCORE, approval), required("tags", tags)));
        }
    }

    static final class Allow extends Built {

        @JsonCreator
        Allow(@JsonProperty("name") String name, @JsonProperty("version") String version,
                @JsonProperty("patterns") List<String> patterns, @JsonProperty("waives") Set<String> waives) {
            super(new AllowRule(definition(name, version, 0.0, 0.0, null), required("patterns", patterns),
                    required("waives", waives)));
        }
    }

    private PolicyEntries() {
    }
}
