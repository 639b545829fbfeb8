package io.noesis.policy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RiskScoreThresholdTest {

    private final RiskScoreThreshold policy = new RiskScoreThreshold(
            new Rule.Definition("risk_threshold", "2", 0.6, ApprovalTerms.ANY_SINGLE_APPROVER), "risk_score",
            Map.of("customer", 0.3, "payments", 0.4, "export", 0.5), 0.6);

    @ParameterizedTest(name = "[{index}] tag {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.6      | risk score 0.60 from tag risk_score reaches the threshold 0.60
            0.95     | risk score 0.95 from tag risk_score reaches the threshold 0.60
            ' 1 '    | risk score 1.00 from tag risk_score reaches the threshold 0.60
            """)
    void holdsWhenTheTaggedScoreReachesTheThreshold(String tag, String reason) {
        Advice advice = policy.advise(new EpisodeContext("read", Map.of("Risk_Score", tag), null)).orElseThrow();

        assertEquals(new Patch(true, reason), advice.patch());
        assertEquals(Double.parseDouble(tag.strip()), advice.riskScore());
    }

    @ParameterizedTest(name = "[{index}] tag {0} passes")
    @CsvSource({"0.59", "0", "0.0"})
    void passesATaggedScoreBelowTheThreshold(String tag) {
        assertEquals(Optional.empty(),
                policy.advise(new EpisodeContext("export customer payments", Map.of("risk_score", tag), null)),
                "the request's own score wins over the signals");
    }

    @ParameterizedTest(name = "[{index}] tag {0} fails closed")
    @CsvSource({"high", "NaN", "1.5", "-0.1", "''", "'0,7'"})
    void anUnreadableTaggedScoreHoldsTheEpisode(String tag) {
        Advice advice = policy.advise(new EpisodeContext("read", Map.of("risk_score", tag), null)).orElseThrow();

        assertEquals("tag risk_score=" + tag + " is not a score between 0.0 and 1.0", advice.patch().riskReason());
        assertEquals(1.0, advice.riskScore());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" scores {1}")
    @CsvSource(delimiter = '|', textBlock = """
            export the customer list                    | 0.8
            EXPORT Payments                             | 0.9
            export customer payments, export again      | 1.0
            """)
    void weighsTheSignalsFoundInTheText(String task, double score) {
        Advice advice = policy.advise(new EpisodeContext(task, Map.of(), null)).orElseThrow();

        assertEquals(score, advice.riskScore(), 1e-9);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" passes")
    @CsvSource(delimiter = '|', textBlock = """
            the customer asked
            payments-ish exporter customers
            ''
            """)
    void passesWhenTheSignalsStayBelowTheThreshold(String task) {
        assertEquals(Optional.empty(), policy.advise(new EpisodeContext(task, Map.of(), null)));
    }

    @Test
    void readsSignalsInAProposedActionToo() {
        EpisodeContext context = new EpisodeContext("look around", Map.of(), null)
                .withAction(new ProposedAction("a1", "pg_dump payments", "export for the customer"));

        assertEquals(1.0, policy.advise(context).orElseThrow().riskScore(), 1e-9);
    }

    @Test
    void refusesAThresholdOutsideTheScale() {
        Rule.Definition definition = new Rule.Definition("t", "1", 0.5, ApprovalTerms.ANY_SINGLE_APPROVER);
        assertThrows(IllegalArgumentException.class,
                () -> new RiskScoreThreshold(definition, "risk_score", Map.of(), 1.2));
    }
}
