package io.noesis.approval.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scenario of src/test/browser run by node in Debian's headless Chromium through playwright-core (installed
 * with npm ci from the committed lock file). The scenario prints a line at each milestone; the test waits for
 * them while it plays the rest of the system.
 */
final class BrowserScenario {

    private static final Path SOURCES = Path.of("src/test/browser");
    private static final Path WORK_DIR = Path.of("target/browser-test");
    private static final String CHROMIUM = System.getProperty("noesis.chromium", "/usr/bin/chromium");
    private static final Duration MILESTONE_WAIT = Duration.ofSeconds(90);

    private final Process node;
    private final Path errors;
    private final BlockingQueue<String> said = new LinkedBlockingQueue<>();

    private BrowserScenario(Process node, Path errors) {
        this.node = node;
        this.errors = errors;
        Thread reader = new Thread(this::readOutput, "browser-scenario-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Skips the test, saying why, where node, npm or Chromium is missing. */
    static void assumeABrowser() {
        assumeTrue(onPath("node") && onPath("npm"),
                "Skipped: node and npm are not both installed, so the approval page cannot be tested in a browser.");
        assumeTrue(Files.isExecutable(Path.of(CHROMIUM)),
                "Skipped: no Chromium at " + CHROMIUM + " (apt-get install chromium, or set -Dnoesis.chromium).");
    }

    /**
     * Starts node with the script, the page's address and Chromium's path, then the arguments. Secrets go in
     * the environment, never in arguments, so that they do not show in a process list.
     */
    static BrowserScenario start(String script, String pageUrl, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        installPlaywright(script);
        List<String> command = new ArrayList<>(List.of("node", script, pageUrl, CHROMIUM));
        command.addAll(Arrays.asList(arguments));
        Path errors = WORK_DIR.resolve(script + ".errors.log");
        ProcessBuilder node = new ProcessBuilder(command).directory(WORK_DIR.toFile()).redirectError(errors.toFile());
        node.environment().putAll(environment);
        return new BrowserScenario(node.start(), errors);
    }

    void awaitLine(String expected) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(MILESTONE_WAIT);
        while (Instant.now().isBefore(deadline)) {
            String line = said.poll(1, TimeUnit.SECONDS);
            if (expected.equals(line)) {
                return;
            }
        }
        throw new AssertionError("The browser scenario never said " + expected + "; it wrote:\n"
                + Files.readString(errors));
    }

    void assertSucceeded() throws InterruptedException, IOException {
        assertTrue(node.waitFor(30, TimeUnit.SECONDS), "the browser did not close");
        assertEquals(0, node.exitValue(), "the browser scenario failed:\n" + Files.readString(errors));
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static void installPlaywright(String script) throws IOException, InterruptedException {
        Files.createDirectories(WORK_DIR);
        for (String file : List.of("package.json", "package-lock.json", script)) {
            Files.copy(SOURCES.resolve(file), WORK_DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        // Never inherit the test JVM's streams: surefire talks to its forked JVM through them.
        Path log = WORK_DIR.resolve("npm-ci.log");
        Process npm = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
                .directory(WORK_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertTrue(npm.waitFor(5, TimeUnit.MINUTES), "npm ci did not finish");
        assertEquals(0, npm.exitValue(), "npm ci failed:\n" + Files.readString(log));
    }

    /** The scenario's output lines, echoed to the build log as they come. */
    private void readOutput() {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            output.lines().peek(line -> System.out.println("[browser] " + line)).forEach(said::add);
        } catch (IOException closed) {
            said.add("output closed: " + closed.getMessage());
        }
    }
}
