package io.noesis.policy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.policy.domain.Advice;
import io.noesis.policy.domain.DirectedIntuition;
import io.noesis.policy.domain.EpisodeContext;
import io.noesis.policy.domain.PolicySelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveRuleSetTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private static final EpisodeContext SHUTDOWN = new EpisodeContext("shutdown the node", Map.of(), null);

    @TempDir
    Path directory;

    private static String rules(String version, String keyword) {
        return """
                version: "%s"
                policies:
                  - name: keywords
                    type: keywords
                    keywords: [%s]
                """.formatted(version, keyword);
    }

    @Test
    void picksUpAnEditedFile() throws Exception {
        Path file = Files.writeString(directory.resolve("rules.yaml"), rules("v1", "drop"));
        LiveRuleSet live = LiveRuleSet.watching(file, List.of(), CLOCK);
        assertFalse(live.engine().evaluate(SHUTDOWN, PolicySelection.all()).requiresApproval());

        Files.writeString(file, rules("v2", "shutdown"));
        live.reloadIfChanged();

        assertEquals("v2", live.engine().ruleSetVersion());
        assertTrue(live.engine().evaluate(SHUTDOWN, PolicySelection.all()).requiresApproval());
        assertEquals(new LiveRuleSet.Status("v2", file.toString(), CLOCK.instant(), null, null), live.status());
    }

    @Test
    void refusesABrokenEditAndKeepsServingThePreviousRules() throws Exception {
        Path file = Files.writeString(directory.resolve("rules.yaml"), rules("v1", "shutdown"));
        LiveRuleSet live = LiveRuleSet.watching(file, List.of(), CLOCK);

        Files.writeString(file, rules("v2", "shutdown").replace("type: keywords", "type: keywordz"));
        live.reloadIfChanged();

        assertEquals("v1", live.engine().ruleSetVersion());
        assertTrue(live.engine().evaluate(SHUTDOWN, PolicySelection.all()).requiresApproval());
        assertEquals("v1", live.status().ruleSetVersion());
        assertTrue(live.status().lastLoadError().startsWith(file + ", line 4, column 11: Could not resolve type id"),
                live.status().lastLoadError());
        assertEquals(CLOCK.instant(), live.status().lastLoadErrorAt());

        Files.writeString(file, rules("v3", "drop"));
        live.reloadIfChanged();

        assertEquals("v3", live.engine().ruleSetVersion());
        assertNull(live.status().lastLoadError(), "a good file clears the error");
    }

    @Test
    void aMissingFileKeepsThePreviousRules() throws Exception {
        Path file = Files.writeString(directory.resolve("rules.yaml"), rules("v1", "shutdown"));
        LiveRuleSet live = LiveRuleSet.watching(file, List.of(), CLOCK);

        Files.delete(file);
        live.reloadIfChanged();

        assertEquals("v1", live.engine().ruleSetVersion());
        assertTrue(live.status().lastLoadError().contains("cannot read the file"), live.status().lastLoadError());
    }

    @Test
    void aBrokenFileAtStartIsRefused() throws Exception {
        Path file = Files.writeString(directory.resolve("rules.yaml"), "version: \"v1\"\npolicies: [");

        RuleFileParser.InvalidRuleFile refused = assertThrows(RuleFileParser.InvalidRuleFile.class,
                () -> LiveRuleSet.watching(file, List.of(), CLOCK));
        assertTrue(refused.getMessage().startsWith(file + ", line 2"), refused.getMessage());
    }

    @Test
    void addsTheCustomPoliciesAfterTheRulesAndRefusesANameClash() throws Exception {
        DirectedIntuition custom = new DirectedIntuition() {
            public String name() {
                return "custom";
            }

            public String version() {
                return "1";
            }

            public String description() {
                return "says nothing";
            }

            public Optional<Advice> advise(EpisodeContext context) {
                return Optional.empty();
            }
        };
        Path file = Files.writeString(directory.resolve("rules.yaml"), rules("v1", "drop"));
        LiveRuleSet live = LiveRuleSet.watching(file, List.of(custom), CLOCK);

        assertEquals(List.of("keywords", "custom"), live.engine().policies().stream().map(DirectedIntuition::name).toList());

        Files.writeString(file, rules("v2", "drop").replace("name: keywords", "name: custom"));
        live.reloadIfChanged();

        assertEquals("v1", live.engine().ruleSetVersion());
        assertEquals(file + ": two policies are named custom", live.status().lastLoadError());
    }

    @Test
    void servesTheShippedRulesWhenNoFileIsNamed() throws Exception {
        LiveRuleSet shipped = LiveRuleSet.shipped(List.of(), CLOCK);

        assertEquals("default-1", shipped.engine().ruleSetVersion());
        assertEquals("classpath:noesis-policies.yaml", shipped.status().source());
        shipped.reloadIfChanged();
        assertEquals("default-1", shipped.engine().ruleSetVersion());
    }
}
