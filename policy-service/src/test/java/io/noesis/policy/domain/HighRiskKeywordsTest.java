package io.noesis.policy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HighRiskKeywordsTest {

    private final HighRiskKeywords policy = new HighRiskKeywords(HighRiskKeywords.DEFAULT_KEYWORDS,
            ApprovalTerms.ANY_SINGLE_APPROVER);

    @ParameterizedTest(name = "[{index}] \"{0}\" flags {1}")
    @CsvSource(delimiter = '|', textBlock = """
            delete the stale branches             | delete
            DROP TABLE users;                     | drop
            Please Truncate the audit table       | truncate
            deploy v2 then rollback if it fails   | deploy, rollback
            rollback.                             | rollback
            (drop) the cache                      | drop
            drop-table migration                  | drop
            dElEtE everything, then DELETE again  | delete
            supprimer les données : delete — 削除  | delete
            Δ: deploy to the cluster              | deploy
            """)
    void flagsKeywordsStandingAsWholeWords(String task, String keywords) {
        Optional<Advice> advice = policy.advise(new EpisodeContext(task, Map.of(), null));

        assertTrue(advice.isPresent(), task);
        assertTrue(advice.get().patch().requiresApproval());
        assertEquals("high-risk keyword(s) in the task: " + keywords, advice.get().patch().riskReason());
        assertEquals(0.8, advice.get().riskScore());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" passes")
    @CsvSource(delimiter = '|', textBlock = """
            fix the dropdown menu
            update deployment-notes.md
            list undeleted files
            redeploy is a separate word
            le menu dropé et le fichier deleteé
            the rollbacks table stays
            drop_table is an identifier
            ''
            """)
    void ignoresNearMisses(String task) {
        assertEquals(Optional.empty(), policy.advise(new EpisodeContext(task, Map.of(), null)), task);
    }

    @Test
    void emptyAndMissingTasksPass() {
        assertEquals(Optional.empty(), policy.advise(new EpisodeContext("", Map.of(), null)));
        assertEquals(Optional.empty(), policy.advise(new EpisodeContext(null, null, null)));
    }

    @Test
    void findsAKeywordAtTheEndOfAHugeTaskQuickly() {
        String filler = "harmless words about dropdowns and deployments ".repeat(100_000);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertEquals(Optional.empty(), policy.advise(new EpisodeContext(filler, Map.of(), null)));
            Optional<Advice> advice = policy.advise(new EpisodeContext(filler + " then truncate", Map.of(), null));
            assertEquals("high-risk keyword(s) in the task: truncate", advice.orElseThrow().patch().riskReason());
        });
    }

    @Test
    void usesTheConfiguredKeywordsInsteadOfTheDefaults() {
        HighRiskKeywords custom = new HighRiskKeywords(List.of(" Shutdown ", "rm -rf", ""),
                new ApprovalTerms(2, "sre", 600L));

        Advice advice = custom.advise(new EpisodeContext("SHUTDOWN the node, then rm -rf /tmp", Map.of(), null))
                .orElseThrow();

        assertEquals("high-risk keyword(s) in the task: shutdown, rm -rf", advice.patch().riskReason());
        assertEquals(new ApprovalTerms(2, "sre", 600L), advice.terms());
        assertEquals(Optional.empty(), custom.advise(new EpisodeContext("delete it", Map.of(), null)));
    }

    @Test
    void anEmptyKeywordListFlagsNothing() {
        HighRiskKeywords none = new HighRiskKeywords(List.of(), ApprovalTerms.ANY_SINGLE_APPROVER);

        assertEquals(Optional.empty(), none.advise(new EpisodeContext("drop delete deploy", Map.of(), null)));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" flags {1}")
    @CsvSource(delimiter = '|', textBlock = """
            fix the dropdown menu          | drop
            update deployment-notes.md     | deploy
            list undeleted files           | delete
            """)
    void substringModeFlagsWhatTheSeedFlagged(String task, String keyword) {
        HighRiskKeywords seed = new HighRiskKeywords(new Rule.Definition("seed_keywords", "1", 0.8,
                ApprovalTerms.ANY_SINGLE_APPROVER), HighRiskKeywords.DEFAULT_KEYWORDS, WordMatcher.Matching.SUBSTRING);

        assertEquals("high-risk keyword(s) in the task: " + keyword,
                seed.advise(new EpisodeContext(task, Map.of(), null)).orElseThrow().patch().riskReason());
    }

    @Test
    void readsTheProposedActionAndItsDescriptionBesideTheTask() {
        EpisodeContext context = new EpisodeContext("drop the cache", Map.of(), null)
                .withAction(new ProposedAction("a1", "kubectl rollout", "deploy v2, then ROLLBACK"));

        assertEquals("high-risk keyword(s) in the task: drop; in the action: deploy, rollback",
                policy.advise(context).orElseThrow().patch().riskReason());
        assertEquals(Optional.empty(), policy.advise(new EpisodeContext("look", Map.of(), null)
                .withAction(new ProposedAction("a2", "open the dropdown", null))));
    }
}
