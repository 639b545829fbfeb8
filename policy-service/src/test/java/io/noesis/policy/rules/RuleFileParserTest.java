package io.noesis.policy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.policy.domain.DirectedIntuition;
import io.noesis.policy.domain.EpisodeContext;
import io.noesis.policy.domain.Evaluation;
import io.noesis.policy.domain.PolicyEngine;
import io.noesis.policy.domain.PolicySelection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleFileParserTest {

    static final String EVERY_KIND = """
            version: "2026-11-25.3"
            policies:
              - name: seed_keywords
                type: keywords
                version: "4"
                match: substring
                keywords: [drop]
                risk_score: 0.6
                approval: {required_approvals: 2, approver_group: dba, timeout_seconds: 900}
              - name: live
                type: production_environment
                environments: [live]
              - name: risk
                type: risk_score
                score_tag: risk
                weights: {payments: 0.5, export: 0.5}
                threshold: 0.9
              - name: flagged
                type: tags
                tags: {high_risk: "true"}
              - name: read_only
                type: allow
                patterns: ["show .*"]
                waives: [seed_keywords]
            """;

    @Test
    void readsEveryKindOfPolicy() throws Exception {
        RuleFile file = RuleFileParser.parse("rules.yaml", EVERY_KIND);

        assertEquals("2026-11-25.3", file.version());
        assertEquals(List.of("seed_keywords", "live", "risk", "flagged", "read_only"),
                file.rules().stream().map(DirectedIntuition::name).toList());
        assertEquals(List.of("4", "1", "1", "1", "1"), file.rules().stream().map(DirectedIntuition::version).toList());

        PolicyEngine engine = new PolicyEngine(file.version(), file.rules());
        Evaluation dropdown = engine.evaluate(new EpisodeContext("fix the dropdown", Map.of(), null), PolicySelection.all());
        assertTrue(dropdown.requiresApproval(), "substring matching");
        assertEquals(2, dropdown.terms().requiredApprovals());
        assertEquals("dba", dropdown.terms().approverGroup());
        assertEquals(900L, dropdown.terms().approvalTimeoutSeconds());
        assertEquals(0.6, dropdown.riskScore());
        assertFalse(engine.evaluate(new EpisodeContext("show the dropdown", Map.of(), null), PolicySelection.all())
                .requiresApproval(), "waived by read_only");
        assertTrue(engine.evaluate(new EpisodeContext("x", Map.of(), "LIVE"), PolicySelection.all()).requiresApproval());
        assertTrue(engine.evaluate(new EpisodeContext("export payments", Map.of(), null), PolicySelection.all())
                .requiresApproval());
        assertTrue(engine.evaluate(new EpisodeContext("x", Map.of("risk", "0.95"), null), PolicySelection.all())
                .requiresApproval());
        assertTrue(engine.evaluate(new EpisodeContext("x", Map.of("high_risk", "TRUE"), null), PolicySelection.all())
                .requiresApproval());
    }

    @Test
    void theShippedRulesAreValid() throws Exception {
        RuleFile shipped = RuleFileParser.parse("shipped", new String(
                getClass().getResourceAsStream("/noesis-policies.yaml").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));

        assertEquals("default-1", shipped.version());
        assertEquals(List.of("high_risk_keywords", "production_environment"),
                shipped.rules().stream().map(DirectedIntuition::name).toList());
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', textBlock = """
            version: "1"\\npolicies:\\n  - name: k\\n    type: keywords\\n    keywords: [drop]\\n    colour: red         | rules.yaml, line 6, column 16: Unrecognized field "colour"
            version: "1"\\npolicies:\\n  - name: k\\n    type: keyword\\n    keywords: [drop]                         | rules.yaml, line 4, column 11: Could not resolve type id 'keyword'
            version: "1"\\npolicies:\\n  - name: k\\n    type: keywords\\n    keywords: []                             | rules.yaml, line 5, column 17: keywords must list at least one value
            version: "1"\\npolicies:\\n  - name: k\\n    type: keywords\\n    keywords: [a]\\n    match: fuzzy          | rules.yaml, line 6, column 12: Cannot deserialize value of type
            version: "1"\\npolicies:\\n  - type: keywords\\n    keywords: [drop]                                      | rules.yaml, line 4, column 21: a rule needs a name
            version: "1"\\npolicies:\\n  - name: r\\n    type: risk_score\\n    threshold: 1.5                          | rules.yaml, line 5, column 19: threshold must be between 0.0 and 1.0, was 1.5
            version: "1"\\npolicies:\\n  - name: r\\n    type: risk_score\\n    weights: {a: 0.1}                       | rules.yaml, line 5, column 22: Missing required creator property 'threshold'
            version: "1"\\npolicies:\\n  - name: t\\n    type: tags\\n    tags: {a: b}\\n    approval: {required_approvals: 0} | rules.yaml, line 6, column 38: required approvals must be at least 1, was 0
            version: "1"\\npolicies:\\n  - name: a\\n    type: allow\\n    patterns: ["(unclosed"]\\n    waives: [a]   | rules.yaml, line 6, column 16: Unclosed group
            version: "1"\\npolicies:\\n  - name: a\\n    type: allow\\n    patterns: [".*"]\\n    waives: [nobody]     | rules.yaml, line 6, column 21: allow rule a waives nobody, which is not a policy of this file
            version: "1"\\npolicies:\\n  - {name: k, type: tags, tags: {a: b}}\\n  - {name: k, type: tags, tags: {c: d}}  | rules.yaml, line 4, column 40: two policies are named k
            policies: []                                                                                              | rules.yaml, line 1, column 13: version is required
            version: "1"\\npolicies:\\n  - {name: request_context, type: tags, tags: {a: b}}                        | rules.yaml, line 3, column 54: request_context is reserved
            version: "1"\\npolicies:\\n  - name: k\\n   type: [                                                        | rules.yaml, line 4, column 4: 
            version: "1"\\npolicies: {}                                                                               | rules.yaml, line 2, column 11: Cannot deserialize value of type
            """)
    void refusesABrokenFileNamingTheLine(String yaml, String error) {
        RuleFileParser.InvalidRuleFile refused = assertThrows(RuleFileParser.InvalidRuleFile.class,
                () -> RuleFileParser.parse("rules.yaml", yaml.replace("\\n", "\n")));

        assertTrue(refused.getMessage().startsWith(error.strip()), refused.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''                       | rules.yaml, line 1, column 1: No content to map
            '# nothing but a note'   | rules.yaml, line 1, column 21: No content to map
            '~'                      | rules.yaml: the file is empty
            """)
    void refusesAnEmptyFile(String yaml, String error) {
        RuleFileParser.InvalidRuleFile refused = assertThrows(RuleFileParser.InvalidRuleFile.class,
                () -> RuleFileParser.parse("rules.yaml", yaml));

        assertTrue(refused.getMessage().startsWith(error), refused.getMessage());
    }
}
