package io.noesis.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.deploy.runtime.LocalStack;
import io.noesis.deploy.runtime.ManagedProcess;
import io.noesis.deploy.runtime.Service;
import io.noesis.deploy.runtime.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The four services started while the broker, or the schema registry, is down: each answers its health
 * checks with readiness DOWN and liveness UP for the whole wait and stays alive (so a platform does not
 * restart it in a loop), and once the missing part is up it becomes ready by itself and an episode goes
 * through the whole loop.
 */
class DependenciesDownIT {

    /** Longer than the Kafka clients' own 60 s default API timeout, so a start-up that gives up after it shows. */
    private static final Duration BROKER_DOWN_FOR = Duration.ofSeconds(65);
    private static final Duration REGISTRY_DOWN_FOR = Duration.ofSeconds(20);
    /** How long a JVM may take to answer HTTP at all, with four starting at once on a busy small machine. */
    private static final Duration FIRST_ANSWER_WITHIN = Duration.ofSeconds(180);
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final JsonHttp http = new JsonHttp();
    private LocalStack stack;

    @AfterEach
    void stopTheSystem() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void servicesStartedWithoutTheBrokerWaitAliveAndRecoverByThemselves() throws Exception {
        stack = newStack("broker-down");
        stack.startRegistry();
        startEveryService();

        List<String> problems = watchWhileWaiting(BROKER_DOWN_FOR);

        stack.startBroker();
        stack.prepareTopicsAndSchemas();
        assertEquals(List.of(), problems);
        awaitEveryServiceReady();
        anEpisodeGoesThroughTheWholeLoop();
    }

    @Test
    void servicesStartedWithoutTheRegistryWaitAliveAndRecoverByThemselves() throws Exception {
        stack = newStack("registry-down");
        stack.startBroker();
        stack.createTopics();
        startEveryService();

        List<String> problems = watchWhileWaiting(REGISTRY_DOWN_FOR);

        stack.startRegistry();
        stack.registerSchemas();
        assertEquals(List.of(), problems);
        awaitEveryServiceReady();
        anEpisodeGoesThroughTheWholeLoop();
    }

    private static LocalStack newStack(String name) throws Exception {
        Path home = Path.of(System.getProperty("noesis.home", "..")).toAbsolutePath().normalize();
        Path dataDir = Files.createTempDirectory("noesis-" + name);
        return new LocalStack(StackSettings.randomPorts(home, dataDir, Map.of()), System.out::println);
    }

    private void startEveryService() {
        stack.issuer();
        for (Service service : Service.values()) {
            stack.startService(service);
        }
    }

    /**
     * Waits until every service answers HTTP at all (its JVM has started), then polls every service's
     * health each second for the whole wait: each must stay alive and answer liveness UP and readiness
     * DOWN every time.
     */
    private List<String> watchWhileWaiting(Duration wait) throws InterruptedException {
        List<String> problems = new ArrayList<>(awaitFirstAnswers());
        Instant started = Instant.now();
        while (problems.isEmpty() && Instant.now().isBefore(started.plus(wait))) {
            for (Service service : Service.values()) {
                health(service, Duration.between(started, Instant.now())).ifPresent(problems::add);
            }
            Thread.sleep(1000);
        }
        return problems;
    }

    private List<String> awaitFirstAnswers() throws InterruptedException {
        Instant giveUp = Instant.now().plus(FIRST_ANSWER_WITHIN);
        Set<Service> waiting = EnumSet.allOf(Service.class);
        List<String> problems = new ArrayList<>();
        while (!waiting.isEmpty() && Instant.now().isBefore(giveUp)) {
            for (Service service : List.copyOf(waiting)) {
                ManagedProcess process = stack.process(service).orElseThrow();
                if (!process.isAlive()) {
                    problems.add(service.module() + " exited while starting; see " + process.logFile());
                    waiting.remove(service);
                } else if (http.get(url(service, "/q/health/live"), null).status() != JsonHttp.NO_ANSWER) {
                    waiting.remove(service);
                }
            }
            Thread.sleep(1000);
        }
        waiting.forEach(service -> problems.add(service.module() + " did not answer HTTP within " + FIRST_ANSWER_WITHIN
                + " of its start; see " + stack.process(service).orElseThrow().logFile()));
        return problems;
    }

    private Optional<String> health(Service service, Duration into) {
        ManagedProcess process = stack.process(service).orElseThrow();
        if (!process.isAlive()) {
            return Optional.of(service.module() + " exited " + into.toSeconds() + " s into the wait; see " + process.logFile());
        }
        int live = http.get(url(service, "/q/health/live"), null).status();
        int ready = http.get(url(service, "/q/health/ready"), null).status();
        if (live != 200 || ready != 503) {
            return Optional.of(service.module() + " answered liveness " + live + " and readiness " + ready + " "
                    + into.toSeconds() + " s into the wait (expected 200 and 503)");
        }
        return Optional.empty();
    }

    private void awaitEveryServiceReady() {
        for (Service service : Service.values()) {
            stack.awaitService(service);
        }
    }

    /** A risky episode: evaluated, paused, approved, resumed, completed, and told by the audit trail. */
    private void anEpisodeGoesThroughTheWholeLoop() {
        String requester = stack.issuer().mint("alice", Set.of("requester"), Set.of(), Duration.ofHours(1));
        String approver = stack.issuer().mint("bob", Set.of("approver"), Set.of("sre"), Duration.ofHours(1));
        String auditor = stack.issuer().mint("carol", Set.of("auditor"), Set.of(), Duration.ofHours(1));
        JsonHttp.Answer submitted = http.post(url(Service.EPISODE, "/episodes"), requester,
                Map.of("task", "drop the staging cache"));
        assertEquals(202, submitted.status(), "POST /episodes answered " + submitted.body());
        String id = submitted.text("episode_id");

        await().atMost(PATIENCE).until(() -> http.get(url(Service.APPROVAL, "/approvals/" + id), approver).is(200));
        JsonHttp.Answer approved = http.post(url(Service.APPROVAL, "/approvals/" + id + "/approve"), approver,
                Map.of("reason", "recovered"));
        assertTrue(approved.is(200) || approved.is(202), "approve answered " + approved.status() + " " + approved.body());
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(
                http.get(url(Service.EPISODE, "/episodes/" + id + "/summary"), requester).text("status")));
        await().atMost(PATIENCE).until(() -> http.get(url(Service.AUDIT, "/audit/episodes/" + id), auditor).body()
                .path("records").findValuesAsText("action").contains("COMPLETED"));
    }

    private String url(Service service, String path) {
        return stack.settings().serviceUrl(service) + path;
    }
}
