package io.noesis.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.deploy.runtime.LocalStack;
import io.noesis.deploy.runtime.ManagedProcess;
import io.noesis.deploy.runtime.Service;
import io.noesis.deploy.runtime.StackSettings;
import io.noesis.schemas.Topics;
import io.noesis.schemas.deadletter.DeadLetters;
import io.noesis.testing.TestDirectories;
import io.noesis.testing.TopicClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The four services started while the broker, or the schema registry, is down: each answers its health
 * checks with readiness DOWN and liveness UP for the whole wait and stays alive (so a platform does not
 * restart it in a loop), and once the missing part is up it becomes ready by itself and an episode goes
 * through the whole loop. A registry that crashes while the services run holds up the records whose
 * schema they have not yet read, and loses none of them.
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

    /**
     * A client writes with a newer schema of the request (one more optional field) that no service has read,
     * so none has its id cached, and the registry then crashes: the request must wait in the topic, not go
     * to the dead-letter topic, and go through the whole loop once the registry is back.
     */
    @Test
    void aRecordOfAnUnseenSchemaWaitsForTheRegistryInsteadOfBeingDeadLettered() throws Exception {
        stack = new LocalStack(newSettings("registry-crash").withPersistentRegistry(), System.out::println);
        stack.start();
        TopicClient topics = new TopicClient(stack.broker().bootstrapServers(), stack.registry().registryApiUrl());
        String id = "registry-crash-" + Instant.now().toEpochMilli();
        byte[] request = NewerRequestSchema.serialize(stack.registry().registryApiUrl(), id, "summarise the nightly report");

        stack.killRegistry();
        topics.produceBytes(Topics.EPISODE_REQUESTS.name(), id.getBytes(StandardCharsets.UTF_8), request);
        List<String> problems = watchWhileRegistryIsDown(id);
        stack.startRegistry();

        assertEquals(List.of(), problems);
        String auditor = stack.issuer().mint("carol", Set.of("auditor"), Set.of(), Duration.ofHours(1));
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(
                http.get(url(Service.EPISODE, "/episodes/" + id + "/summary"), auditor).text("status")));
        await().atMost(PATIENCE).until(() -> http.get(url(Service.AUDIT, "/audit/episodes/" + id), auditor).body()
                .path("records").findValuesAsText("action").contains("COMPLETED"));
        assertEquals(List.of(), deadLettersFrom(topics, Topics.EPISODE_REQUESTS.name()),
                "the request was dead-lettered instead of read again");
    }

    /** While the registry is down the request must not be carried on, and no service may die. */
    private List<String> watchWhileRegistryIsDown(String episodeId) throws InterruptedException {
        String auditor = stack.issuer().mint("carol", Set.of("auditor"), Set.of(), Duration.ofHours(1));
        List<String> problems = new ArrayList<>();
        Instant until = Instant.now().plus(REGISTRY_DOWN_FOR);
        while (problems.isEmpty() && Instant.now().isBefore(until)) {
            for (Service service : Service.values()) {
                if (!stack.process(service).orElseThrow().isAlive()) {
                    problems.add(service.module() + " exited while the registry was down");
                }
            }
            if (http.get(url(Service.EPISODE, "/episodes/" + episodeId + "/summary"), auditor).is(200)) {
                problems.add("episode-service read the request although the registry, which alone knows its schema, was down");
            }
            Thread.sleep(1000);
        }
        return problems;
    }

    private static List<String> deadLettersFrom(TopicClient topics, String sourceTopic) {
        return topics.all(Topics.DEAD_LETTERS, Duration.ofSeconds(2)).stream()
                .filter(record -> sourceTopic.equals(header(record, DeadLetters.SOURCE_TOPIC)))
                .map(record -> header(record, DeadLetters.CONSUMER) + ": " + header(record, DeadLetters.ERROR))
                .toList();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static LocalStack newStack(String name) throws Exception {
        return new LocalStack(newSettings(name), System.out::println);
    }

    private static StackSettings newSettings(String name) throws Exception {
        Path home = Path.of(System.getProperty("noesis.home", "..")).toAbsolutePath().normalize();
        return StackSettings.randomPorts(home, TestDirectories.create(name), Map.of());
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
