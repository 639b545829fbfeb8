package io.noesis.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.noesis.deploy.runtime.LocalStack;
import io.noesis.deploy.runtime.Service;
import io.noesis.deploy.runtime.StackSettings;
import io.noesis.schemas.DecisionOutcome;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import io.noesis.system.EpisodeTraffic.Lane;
import io.noesis.testing.TestDirectories;
import io.noesis.testing.TopicClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crash it and lose nothing: thousands of episodes through the packaged services, half of them risky
 * (approved, rejected or left to expire), while each service in turn and then the broker is killed with
 * SIGKILL and started again on the same ports and data. Afterwards the topics, the audit trail and
 * episode-service's API must tell one consistent story with nothing lost and nothing doubled.
 *
 * <p>-Dnoesis.fault.episodes (2000), -Dnoesis.fault.rate (requests per second, 20) and
 * -Dnoesis.fault.rounds (crashes of every part, 1) make a longer run.
 */
class FaultIT {

    private static final int EPISODES = Integer.getInteger("noesis.fault.episodes", 2000);
    private static final double RATE = Double.parseDouble(System.getProperty("noesis.fault.rate", "20"));
    private static final int ROUNDS = Integer.getInteger("noesis.fault.rounds", 1);
    private static final Duration PAUSE_BEFORE_CRASH = Duration.ofSeconds(6);
    private static final Duration DOWNTIME = Duration.ofSeconds(2);
    private static final Duration SHORT_DEADLINE = Duration.ofSeconds(10);
    private static final Duration SETTLE = Duration.ofMinutes(3);
    private static final Duration QUIET = Duration.ofSeconds(3);
    /** A crashed Streams member keeps its partitions until its session times out (45 s by default). */
    private static final String SESSION_TIMEOUT_MS = "10000";

    private static LocalStack stack;
    private static Duration stackStart;
    private static TopicClient topics;
    private static String requester;
    private static String approver;
    private static String auditor;

    @BeforeAll
    static void startTheSystem() throws Exception {
        Instant starting = Instant.now();
        Path home = Path.of(System.getProperty("noesis.home", "..")).toAbsolutePath().normalize();
        Path dataDir = TestDirectories.create("fault-test");
        Path rules = Files.writeString(dataDir.resolve("fault-test-policies.yaml"), EpisodeTraffic.rules("fault-test-1", SHORT_DEADLINE));
        stack = new LocalStack(StackSettings.randomPorts(home, dataDir, Map.of(
                "noesis.policy.rules-file", rules.toString(),
                "kafka-streams.session.timeout.ms", SESSION_TIMEOUT_MS)),
                line -> System.out.println(Instant.now() + " " + line));
        stack.start();
        stackStart = Duration.between(starting, Instant.now());
        System.out.println("FaultIT logs: " + stack.settings().logDir());
        topics = new TopicClient(stack.broker().bootstrapServers(), stack.registry().registryApiUrl());
        requester = stack.issuer().mint("alice", Set.of("requester"), Set.of(), Duration.ofHours(2));
        approver = stack.issuer().mint("bob", Set.of("approver"), Set.of("sre"), Duration.ofHours(2));
        auditor = stack.issuer().mint("carol", Set.of("auditor"), Set.of(), Duration.ofHours(2));
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void crashingEveryPartLosesNothingAndDoublesNothing() throws Exception {
        Instant began = Instant.now();
        Map<String, Lane> plan = EpisodeTraffic.plan(EPISODES, Long.toString(began.toEpochMilli(), 36));
        EpisodeTraffic traffic = new EpisodeTraffic(plan, url(Service.EPISODE, ""), url(Service.APPROVAL, ""),
                requester, approver);
        StackFaults faults = new StackFaults(stack, ROUNDS, PAUSE_BEFORE_CRASH, DOWNTIME);
        Instant crashesDone;
        try (EpisodeLogWatch watch = new EpisodeLogWatch(stack.broker().bootstrapServers(),
                new RegistrySerdes(stack.registry().registryApiUrl()), traffic::onEvent)) {
            traffic.follow(watch);
            try {
                traffic.submitAll(RATE);
                faults.start();
                faults.awaitDone(Duration.ofMinutes(10 * ROUNDS));
                crashesDone = Instant.now();
                boolean allEnded = watch.awaitEnded(plan.keySet(), SETTLE);
                assertTrue(traffic.allSubmitted(), "not every episode request was accepted");
                assertTrue(allEnded, "episodes still open " + SETTLE + " after the last crash (latest event, then"
                        + " every answer its calls got): " + plan.keySet().stream().filter(id -> !watch.hasEnded(id))
                        .limit(10).map(id -> id + " " + watch.latestOf(id) + " " + traffic.historyOf(id)).toList()
                        + "; answers not expected from a healthy system: " + traffic.unexpected()
                        + "; the crash times are in the output above");
            } finally {
                traffic.stop();
            }
        }
        Instant allEnded = Instant.now();

        List<ConsumerRecord<String, EpisodeEvent>> events = topics.all(Topics.EPISODE_EVENTS, QUIET);
        List<ConsumerRecord<String, EpisodeCommand>> commands = topics.all(Topics.EPISODE_COMMANDS, QUIET);
        List<ConsumerRecord<String, DecisionOutcome>> outcomes = topics.all(Topics.APPROVAL_OUTCOMES, QUIET);
        Map<String, EpisodeLogReplay.Episode> replay = EpisodeLogReplay.of(events);

        List<String> problems = new ArrayList<>(traffic.unexpected());
        int doubled = LogChecks.oneEndingEach(plan, replay, problems) + LogChecks.noDoubleCommands(commands, problems);
        int lost = LogChecks.acceptedDecisionsKept(traffic.accepted(), outcomes, commands, problems)
                + (int) plan.keySet().stream().filter(id -> !replay.containsKey(id)).count();
        checkEpisodeServiceMatchesTheLog(replay, problems);
        checkEveryServiceIsLive(problems);
        boolean chainIntact = LogChecks.auditReplayPasses(url(Service.AUDIT, ""), auditor, "verify");
        boolean trailComplete = LogChecks.auditReplayPasses(url(Service.AUDIT, ""), auditor, "rebuild");

        Instant checked = Instant.now();
        Map<String, Long> endings = replay.values().stream()
                .collect(Collectors.groupingBy(EpisodeLogReplay.Episode::status, TreeMap::new, Collectors.counting()));
        System.out.printf("""
                FaultIT figures
                  episodes:            %d (%s), %d records on episode.events
                  time:                stack start %d s; traffic with crashes %d s; all ended %d s after the last
                                       restart; checks %d s
                  kills (SIGKILL):     %d %s
                  decisions accepted:  %d (approved %d, rejected %d); settled before a lost answer: %d
                  expired:             %d
                  lost:                %d
                  duplicates:          %d
                  audit chain intact:  %s; audit trail equals a rebuild from the topics: %s
                  answers:             %s
                  problems:            %d
                """, plan.size(), endings, events.size(), stackStart.toSeconds(),
                Duration.between(began, crashesDone).toSeconds(), Duration.between(crashesDone, allEnded).toSeconds(),
                Duration.between(allEnded, checked).toSeconds(), faults.kills().size(),
                faults.kills(), traffic.accepted().size(), LogChecks.countLane(traffic.accepted(), Lane.APPROVE),
                LogChecks.countLane(traffic.accepted(), Lane.REJECT), traffic.settledUnanswered().size(),
                endings.getOrDefault("EXPIRED", 0L), lost, doubled, chainIntact, trailComplete,
                traffic.answerCounts(), problems.size());
        problems.stream().limit(30).forEach(problem -> System.out.println("  - " + problem));

        assertEquals((Service.values().length + 1) * ROUNDS, faults.kills().size(), "every service and the broker crashed in each round");
        assertTrue(chainIntact, "the audit chain verifies");
        assertTrue(trailComplete, "the audit trail holds every record of the topics");
        assertEquals(List.of(), problems);
    }

    /** A service whose Kafka Streams gave up would still answer some calls; its liveness says so. */
    private static void checkEveryServiceIsLive(List<String> problems) {
        JsonHttp http = new JsonHttp();
        for (Service service : Service.values()) {
            JsonHttp.Answer live = http.get(url(service, "/q/health/live"), null);
            if (live.status() != 200) {
                problems.add(service + " is not live after the crashes: " + live.status() + " " + live.body());
            }
        }
    }

    /** GET /episodes (every page) and each episode's events equal what the episode log says. */
    private static void checkEpisodeServiceMatchesTheLog(Map<String, EpisodeLogReplay.Episode> replay, List<String> problems) {
        JsonHttp http = new JsonHttp();
        Map<String, JsonNode> listed = listEveryEpisode(http);
        if (listed.size() != replay.size()) {
            problems.add("GET /episodes lists " + listed.size() + " episodes, the log has " + replay.size());
        }
        for (Map.Entry<String, EpisodeLogReplay.Episode> entry : replay.entrySet()) {
            String id = entry.getKey();
            EpisodeLogReplay.Episode episode = entry.getValue();
            JsonNode summary = listed.get(id);
            if (summary == null) {
                problems.add("GET /episodes does not list " + id);
                continue;
            }
            Map<String, Object> expected = new TreeMap<>(Map.of("status", episode.status(), "task", episode.task(),
                    "requested_by", episode.requestedBy(), "created_at", episode.createdAt(),
                    "updated_at", episode.updatedAt(), "approvers", episode.approvers(),
                    "decision_ids", episode.decisionIds()));
            Map<String, Object> actual = new TreeMap<>(Map.of("status", summary.path("status").asText(),
                    "task", summary.path("task").asText(), "requested_by", summary.path("requested_by").asText(),
                    "created_at", Instant.parse(summary.path("created_at").asText()),
                    "updated_at", Instant.parse(summary.path("updated_at").asText()),
                    "approvers", texts(summary.path("approvals").path("approvers")),
                    "decision_ids", texts(summary.path("approvals").path("decision_ids"))));
            if (!expected.equals(actual)) {
                problems.add("summary of " + id + " is " + actual + ", the log says " + expected);
            }
            List<String> served = eventsServed(http, id);
            List<String> logged = episode.events().stream()
                    .map(event -> event.getSequence() + " " + event.getType() + " " + event.getEventId()).toList();
            if (!served.equals(logged)) {
                problems.add("GET /episodes/" + id + "/events serves " + served + ", the log has " + logged);
            }
        }
    }

    private static Map<String, JsonNode> listEveryEpisode(JsonHttp http) {
        Map<String, JsonNode> listed = new HashMap<>();
        String cursor = null;
        do {
            JsonHttp.Answer page = http.get(url(Service.EPISODE, "/episodes?limit=500")
                    + (cursor == null ? "" : "&cursor=" + cursor), auditor);
            assertEquals(200, page.status(), "GET /episodes answered " + page.body());
            page.body().path("episodes").forEach(summary -> listed.put(summary.path("episode_id").asText(), summary));
            cursor = page.text("next_cursor");
        } while (cursor != null);
        return listed;
    }

    private static List<String> eventsServed(JsonHttp http, String episodeId) {
        JsonHttp.Answer log = http.get(url(Service.EPISODE, "/episodes/" + episodeId + "/events?limit=500"), auditor);
        assertEquals(200, log.status(), "GET events of " + episodeId + " answered " + log.body());
        List<String> served = new ArrayList<>();
        log.body().path("events").forEach(event -> served.add(event.path("sequence").asLong() + " "
                + event.path("type").asText() + " " + event.path("event_id").asText()));
        return served;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String url(Service service, String path) {
        return stack.settings().serviceUrl(service) + path;
    }
}
