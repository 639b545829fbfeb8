package io.noesis.policy.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.policy.domain.DirectedIntuition;
import io.noesis.policy.domain.EpisodeContext;
import io.noesis.policy.domain.Evaluation;
import io.noesis.policy.domain.Intervention;
import io.noesis.policy.domain.PolicyEngine;
import io.noesis.policy.domain.PolicySelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    @TempDir
    Path plugins;

    @Test
    void loadsThePoliciesTheJarsDeclare() throws IOException {
        SamplePlugins.writeJar(plugins);
        Files.writeString(plugins.resolve("README.txt"), "not a jar");

        List<DirectedIntuition> loaded = PluginLoader.load(plugins);

        assertEquals(List.of("acme_billing", "acme_broken"), loaded.stream().map(DirectedIntuition::name).toList());
        assertEquals(List.of("2.1", "1"), loaded.stream().map(DirectedIntuition::version).toList());
    }

    @Test
    void aFailingCustomPolicyFailsClosedBesideAWorkingOne() throws IOException {
        SamplePlugins.writeJar(plugins);
        PolicyEngine engine = new PolicyEngine("r", PluginLoader.load(plugins));

        Evaluation evaluation = engine.evaluate(new EpisodeContext("refund the billing run", Map.of(), null),
                PolicySelection.all());

        assertTrue(evaluation.requiresApproval());
        assertEquals(List.of("touches billing", "custom policy acme_broken failed: "
                        + "java.lang.IllegalStateException: risk service unreachable"),
                evaluation.interventions().stream().map(i -> i.advice().patch().riskReason()).toList());
        assertEquals(1.0, evaluation.riskScore());
        assertEquals(2, evaluation.terms().requiredApprovals(), "the strictest terms: the billing policy's");
        assertEquals("finance", evaluation.terms().approverGroup());
        assertEquals(List.of("acme_billing", "acme_broken"),
                evaluation.interventions().stream().map(Intervention::policy).toList());
    }

    @Test
    void anEmptyDirectoryLoadsNothing() {
        assertEquals(List.of(), PluginLoader.load(plugins));
    }
}
