package io.noesis.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.noesis.deploy.runtime.LocalStack;
import io.noesis.deploy.runtime.Service;
import io.noesis.deploy.runtime.StackSettings;
import io.noesis.testing.TestDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decisions that break the approval rules, against the whole system as processes: self-approval, an
 * approver outside the required group, and a decision id replayed with the other outcome. Each is refused
 * with 409 naming the rule, each stays in the audit trail with its reason, and the round still settles
 * with the decisions that keep the rules.
 */
class AttacksIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Risky work needs two approvals from the dba group. */
    private static final String RULES = """
            version: "attacks-1"
            policies:
              - name: high_risk_keywords
                type: keywords
                version: "1"
                match: whole_word
                keywords: [drop]
                risk_score: 0.8
                approval: {required_approvals: 2, approver_group: dba}
            """;

    private static final JsonHttp HTTP = new JsonHttp();
    private static LocalStack stack;

    @BeforeAll
    static void startTheSystem() throws Exception {
        Path home = Path.of(System.getProperty("noesis.home", "..")).toAbsolutePath().normalize();
        Path dataDir = TestDirectories.create("attacks-test");
        Files.writeString(dataDir.resolve("policies.yaml"), RULES);
        stack = new LocalStack(StackSettings.randomPorts(home, dataDir, Map.of()), System.out::println);
        stack.start();
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void decisionsThatBreakTheRulesAreRefusedAndAudited() {
        String alice = token("alice", Set.of("requester", "approver"), Set.of("dba"));
        String bob = token("bob", Set.of("approver"), Set.of("sre"));
        String dana = token("dana", Set.of("approver"), Set.of("dba"));
        String erin = token("erin", Set.of("approver"), Set.of("dba"));
        String episode = HTTP.post(url(Service.EPISODE, "/episodes"), alice, Map.of("task", "drop the orders table"))
                .text("episode_id");
        awaitPending(episode, dana);
        String approve = url(Service.APPROVAL, "/approvals/" + episode + "/approve");
        String reject = url(Service.APPROVAL, "/approvals/" + episode + "/reject");

        assertRefused(HTTP.post(approve, alice, Map.of("reason", "my own change")), "SELF_APPROVAL");
        assertRefused(HTTP.post(approve, bob, Map.of("reason", "looks fine")), "NOT_IN_GROUP");
        JsonHttp.Answer first = HTTP.post(approve, dana, Map.of("reason", "backup verified", "decision_id", episode + "-dana"));
        assertEquals(200, first.status(), first.body().toString());
        assertEquals("RECORDED", first.text("verdict"));
        assertRefused(HTTP.post(reject, dana, Map.of("reason", "changed my mind", "decision_id", episode + "-dana")),
                "DUPLICATE_DECISION");
        JsonHttp.Answer second = HTTP.post(approve, erin, Map.of("reason", "second pair of eyes"));
        assertEquals("RESUMED", second.text("verdict"), second.body().toString());

        List<String> trail = awaitAuditSummaries(episode, "RESUME");
        for (String refusal : List.of("SELF_APPROVAL", "NOT_IN_GROUP", "DUPLICATE_DECISION")) {
            assertEquals(1, trail.stream().filter(summary -> summary.contains("refused because " + refusal)).count(),
                    refusal + " in the audit trail " + trail);
        }
    }

    private static void assertRefused(JsonHttp.Answer answer, String refusal) {
        assertEquals(409, answer.status(), answer.body().toString());
        assertEquals(refusal, answer.text("refusal"));
    }

    private static void awaitPending(String episode, String approver) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> HTTP.get(url(Service.APPROVAL, "/approvals/" + episode), approver).is(200));
    }

    /** "action: summary" of every record of the episode's trail, once the trail has the given action. */
    private static List<String> awaitAuditSummaries(String episode, String lastAction) {
        String auditor = token("carol", Set.of("auditor"), Set.of());
        List<String> summaries = new ArrayList<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonHttp.Answer trail = HTTP.get(url(Service.AUDIT, "/audit/episodes/" + episode), auditor);
            summaries.clear();
            trail.body().path("records").forEach(record ->
                    summaries.add(record.path("action").asText() + ": " + record.path("summary").asText()));
            return summaries.stream().anyMatch(summary -> summary.startsWith(lastAction + ":"));
        });
        return summaries;
    }

    private static String token(String subject, Set<String> roles, Set<String> approverGroups) {
        return stack.issuer().mint(subject, roles, approverGroups, Duration.ofHours(1));
    }

    private static String url(Service service, String path) {
        return stack.settings().serviceUrl(service) + path;
    }
}
