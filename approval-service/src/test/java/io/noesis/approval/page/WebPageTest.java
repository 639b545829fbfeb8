package io.noesis.approval.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.noesis.schemas.ApprovalAwaited;
import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.DecisionChannel;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EvaluationSubject;
import io.noesis.schemas.Intervention;
import io.noesis.schemas.InterventionPatch;
import io.noesis.schemas.InterventionTarget;
import io.noesis.schemas.IntuitionApplied;
import io.noesis.schemas.Topics;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TestTokens;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The approval page in a real browser: Debian's headless Chromium driven by playwright-core (installed with
 * npm ci from the committed lock file) runs src/test/browser/reject-scenario.mjs against this service.
 * Skipped, saying why, where node or Chromium is missing.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class WebPageTest {

    private static final Path SCENARIO_SOURCES = Path.of("src/test/browser");
    private static final Path SCENARIO_DIR = Path.of("target/browser-test");
    private static final Path SCENARIO_ERRORS = SCENARIO_DIR.resolve("scenario-errors.log");
    private static final String CHROMIUM = System.getProperty("noesis.chromium", "/usr/bin/chromium");
    private static final Duration BROWSER_WAIT = Duration.ofSeconds(90);
    private static final String TASK = "drop the invoices table";
    private static final String ADVICE = "ask the data owner first";
    private static final String REASON = "no backup of the invoices";

    @TestHTTPResource("/")
    URL page;

    @Test
    void anApproverSignsInSeesAnEpisodeArriveAndRejectsIt() throws Exception {
        assumeTrue(onPath("node") && onPath("npm"),
                "Skipped: node and npm are not both installed, so the approval page cannot be tested in a browser.");
        assumeTrue(Files.isExecutable(Path.of(CHROMIUM)),
                "Skipped: no Chromium at " + CHROMIUM + " (apt-get install chromium, or set -Dnoesis.chromium).");
        installPlaywright();
        String episodeId = "ep-" + UUID.randomUUID();

        Process browser = scenario(episodeId);
        BlockingQueue<String> said = linesOf(browser);
        awaitLine(said, "SIGNED_IN");
        publishAwaitingApproval(episodeId);
        awaitLine(said, "REJECTED");
        assertTrue(browser.waitFor(30, TimeUnit.SECONDS), "the browser did not close");
        assertEquals(0, browser.exitValue(), "the browser scenario failed");

        EpisodeCommand reject = TopicClient.await(Topics.EPISODE_COMMANDS,
                record -> record.key().equals(episodeId), Duration.ofSeconds(30)).value();
        assertEquals(CommandType.REJECT, reject.getType());
        assertEquals(REASON, reject.getReason());
        assertEquals(List.of("wendy"), reject.getApprovers());
        ApprovalDecision decision = TopicClient.await(Topics.APPROVAL_DECISIONS,
                record -> record.key().equals(episodeId), Duration.ofSeconds(30)).value();
        assertEquals(DecisionChannel.WEB, decision.getChannel());
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static void installPlaywright() throws IOException, InterruptedException {
        Files.createDirectories(SCENARIO_DIR);
        for (String file : List.of("package.json", "package-lock.json", "reject-scenario.mjs")) {
            Files.copy(SCENARIO_SOURCES.resolve(file), SCENARIO_DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        // Never inherit the test JVM's streams: surefire talks to its forked JVM through them.
        Path log = SCENARIO_DIR.resolve("npm-ci.log");
        Process npm = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
                .directory(SCENARIO_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertTrue(npm.waitFor(5, TimeUnit.MINUTES), "npm ci did not finish");
        assertEquals(0, npm.exitValue(), "npm ci failed:\n" + Files.readString(log));
    }

    private Process scenario(String episodeId) throws IOException {
        ProcessBuilder node = new ProcessBuilder("node", "reject-scenario.mjs", page.toString(), CHROMIUM, episodeId,
                TASK, ADVICE, REASON)
                .directory(SCENARIO_DIR.toFile())
                .redirectError(SCENARIO_ERRORS.toFile());
        node.environment().put("NOESIS_TOKEN", TestTokens.mint("wendy", Set.of("approver"), Set.of("sre")));
        return node.start();
    }

    /** The scenario's output lines, echoed to the build log as they come. */
    private static BlockingQueue<String> linesOf(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                output.lines().peek(line -> System.out.println("[browser] " + line)).forEach(lines::add);
            } catch (IOException closed) {
                lines.add("output closed: " + closed.getMessage());
            }
        }, "browser-scenario-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static void awaitLine(BlockingQueue<String> lines, String expected) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(BROWSER_WAIT);
        while (Instant.now().isBefore(deadline)) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (expected.equals(line)) {
                return;
            }
        }
        throw new AssertionError("The browser scenario never said " + expected + "; it wrote:\n"
                + Files.readString(SCENARIO_ERRORS));
    }

    private static void publishAwaitingApproval(String episodeId) {
        String evaluationId = "eval-" + episodeId;
        Intervention intervention = Intervention.newBuilder()
                .setPolicy("high-risk-keywords")
                .setPolicyVersion("1")
                .setAdvice(ADVICE)
                .setPatch(new InterventionPatch(true, "high-risk keyword: drop"))
                .setTarget(InterventionTarget.PLAN)
                .setRationale("drop destroys data")
                .setApproverGroup("sre")
                .build();
        TopicClient.send(Topics.EPISODE_EVENTS, episodeId, event(episodeId, 3, EpisodeEventType.INTUITION,
                new IntuitionApplied(evaluationId, "rules-1", intervention)));
        TopicClient.send(Topics.EPISODE_EVENTS, episodeId, event(episodeId, 4, EpisodeEventType.AWAITING_APPROVAL,
                ApprovalAwaited.newBuilder()
                        .setEvaluationId(evaluationId)
                        .setSubject(EvaluationSubject.REQUEST)
                        .setTask(TASK)
                        .setRequestedBy("rita")
                        .setRiskScore(0.9)
                        .setRequiredApprovals(1)
                        .setApproverGroup("sre")
                        .setDeadline(Instant.now().plus(Duration.ofHours(1)))
                        .setReasons(List.of("high-risk keyword: drop"))
                        .build()));
    }

    private static EpisodeEvent event(String episodeId, long sequence, EpisodeEventType type, Object payload) {
        return EpisodeEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setEpisodeId(episodeId)
                .setSequence(sequence)
                .setType(type)
                .setTime(Instant.now())
                .setSource("test")
                .setPayload(payload)
                .build();
    }
}
