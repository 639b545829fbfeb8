package io.noesis.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.deploy.runtime.ScaledStack;
import io.noesis.deploy.runtime.Service;
import io.noesis.deploy.runtime.StackSettings;
import io.noesis.schemas.DecisionOutcome;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.Topic;
import io.noesis.schemas.TopicSettings;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import io.noesis.system.EpisodeTraffic.AcceptedDecision;
import io.noesis.system.EpisodeTraffic.Lane;
import io.noesis.testing.TestDirectories;
import io.noesis.testing.TopicClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scale-out: a Kafka cluster of three brokers and a separate controller, topics with three replicas and two
 * in sync, and two processes of every Kafka Streams service. Episodes go in through both episode-service
 * instances and decisions through both approval-service instances (each crosswise to where its episode was
 * submitted). The test checks that both instances of each service own partitions, that one instance of
 * each service is SIGKILLed mid-run and the survivor takes all its partitions, that the killed instances
 * come back and take a share again, that queries answer from either instance, and that nothing was lost
 * or doubled: one ending per episode, no repeated command (read_committed), every accepted decision carried
 * by its command, an audit chain that verifies and equals a rebuild from the topics.
 *
 * <p>-Dnoesis.scale.episodes (200) and -Dnoesis.scale.rate (requests per second, 8) make a longer run.
 */
class ScaleOutIT {

    private static final int EPISODES = Integer.getInteger("noesis.scale.episodes", 200);
    private static final double RATE = Double.parseDouble(System.getProperty("noesis.scale.rate", "8"));
    private static final int BROKERS = 3;
    private static final int INSTANCES = 2;
    /** Instances killed mid-run, one of each service. */
    private static final int VICTIM = 1;
    private static final TopicSettings REPLICATED = TopicSettings.PRODUCTION;
    private static final Duration RUN_BEFORE_KILL = Duration.ofSeconds(15);
    private static final Duration SHORT_DEADLINE = Duration.ofSeconds(10);
    /** A killed Streams member keeps its partitions until its session times out (45 s by default). */
    private static final String SESSION_TIMEOUT_MS = "10000";
    private static final Duration TAKEOVER = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofMinutes(5);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Map<Service, String> APPLICATION_IDS = Map.of(
            Service.EPISODE, "noesis-episode-service", Service.POLICY, "noesis-policy-service",
            Service.APPROVAL, "noesis-approval-service", Service.AUDIT, "noesis-audit-service");

    private static ScaledStack stack;
    private static Admin admin;
    private static Duration stackStart;
    private static String requester;
    private static String approver;
    private static String auditor;

    @BeforeAll
    static void startTheSystem() throws Exception {
        Instant starting = Instant.now();
        Path home = Path.of(System.getProperty("noesis.home", "..")).toAbsolutePath().normalize();
        Path dataDir = TestDirectories.create("scale-test");
        home = snapshotOfThePackagedServices(home, dataDir.resolve("home"));
        Path rules = Files.writeString(dataDir.resolve("scale-test-policies.yaml"), EpisodeTraffic.rules("scale-test-1", SHORT_DEADLINE));
        Map<String, String> serviceProperties = new HashMap<>(REPLICATED.serviceProperties());
        serviceProperties.put("noesis.policy.rules-file", rules.toString());
        serviceProperties.put("kafka-streams.session.timeout.ms", SESSION_TIMEOUT_MS);
        stack = new ScaledStack(StackSettings.randomPorts(home, dataDir, serviceProperties), BROKERS, INSTANCES,
                System.out::println);
        stack.start();
        stackStart = Duration.between(starting, Instant.now());
        System.out.println("ScaleOutIT logs: " + stack.settings().logDir());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
        requester = stack.issuer().mint("alice", Set.of("requester"), Set.of(), Duration.ofHours(2));
        approver = stack.issuer().mint("bob", Set.of("approver"), Set.of("sre"), Duration.ofHours(2));
        auditor = stack.issuer().mint("carol", Set.of("auditor"), Set.of(), Duration.ofHours(2));
    }

    /**
     * The packaged services as they are now, for this run, beside a link to the broker's jars and the
     * registry: the instances restarted mid-run must load the same classes as the ones still running, even if
     * the services are packaged again meanwhile (a fast-jar changed under a running process fails with
     * NoClassDefFoundError). Hard links, so it costs no copying: packaging writes new files, the run keeps the old.
     */
    private static Path snapshotOfThePackagedServices(Path home, Path snapshot) throws IOException {
        Files.createDirectories(snapshot);
        Files.createSymbolicLink(snapshot.resolve("deploy"), home.resolve("deploy"));
        for (Service service : Service.values()) {
            Path app = Path.of(service.module(), "target", "quarkus-app");
            Path from = home.resolve(app);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Path to = snapshot.resolve(app).resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.createLink(to, file);
                    }
                }
            }
        }
        return snapshot;
    }

    @AfterAll
    static void stopTheSystem() {
        if (admin != null) {
            admin.close();
        }
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void twoInstancesOfEveryServiceShareTheWorkAndSurviveTheLossOfOne() throws Exception {
        assertEquals(List.of(), underReplicatedTopics(), "every topic has three replicas and min.insync.replicas 2");

        Instant began = Instant.now();
        Map<String, Lane> plan = EpisodeTraffic.plan(EPISODES, Long.toString(began.toEpochMilli(), 36));
        List<EpisodeTraffic> clients = crosswiseClients(plan);
        List<String> problems = new ArrayList<>();
        Map<Service, Integer> sharedBefore;
        Map<Service, Integer> survivorPartitions = new TreeMap<>();
        Map<Service, Integer> sharedAfterRestart;
        Instant killed;
        Instant restarted;
        try (EpisodeLogWatch watch = new EpisodeLogWatch(stack.bootstrapServers(),
                new RegistrySerdes(stack.registry().registryApiUrl()),
                (episodeId, type) -> clients.forEach(client -> client.onEvent(episodeId, type)))) {
            try {
                clients.forEach(client -> client.follow(watch));
                clients.forEach(client -> client.submitAll(RATE / clients.size()));
                Thread.sleep(RUN_BEFORE_KILL.toMillis());
                sharedBefore = ownersByService();

                killed = Instant.now();
                for (Service service : Service.values()) {
                    stack.kill(service, VICTIM);
                }
                for (Service service : Service.values()) {
                    survivorPartitions.put(service, awaitOneOwner(service));
                }
                Duration takeover = Duration.between(killed, Instant.now());
                System.out.println("The survivors own every partition " + takeover.toSeconds() + " s after the kills");
                stack.restartEveryService(VICTIM);
                restarted = Instant.now();
                sharedAfterRestart = awaitSharedAgain();

                if (!watch.awaitEnded(plan.keySet(), SETTLE)) {
                    problems.add("episodes still open " + SETTLE + " after the restart: "
                            + plan.keySet().stream().filter(id -> !watch.hasEnded(id)).limit(10).toList());
                }
                if (!clients.stream().allMatch(EpisodeTraffic::allSubmitted)) {
                    problems.add("not every episode request was accepted");
                }
            } finally {
                for (EpisodeTraffic client : clients) {
                    client.stop();
                }
            }
        }
        Instant allEnded = Instant.now();

        TopicClient topics = new TopicClient(stack.bootstrapServers(), stack.registry().registryApiUrl());
        List<ConsumerRecord<String, EpisodeEvent>> events = topics.all(Topics.EPISODE_EVENTS, QUIET);
        List<ConsumerRecord<String, EpisodeCommand>> commands = topics.all(Topics.EPISODE_COMMANDS, QUIET);
        List<ConsumerRecord<String, DecisionOutcome>> outcomes = topics.all(Topics.APPROVAL_OUTCOMES, QUIET);
        Map<String, EpisodeLogReplay.Episode> replay = EpisodeLogReplay.of(events);
        Map<String, AcceptedDecision> accepted = new HashMap<>();
        clients.forEach(client -> accepted.putAll(client.accepted()));

        clients.forEach(client -> problems.addAll(client.unexpected()));
        int doubled = LogChecks.oneEndingEach(plan, replay, problems) + LogChecks.noDoubleCommands(commands, problems);
        int lost = LogChecks.acceptedDecisionsKept(accepted, outcomes, commands, problems)
                + (int) plan.keySet().stream().filter(id -> !replay.containsKey(id)).count();
        checkEpisodesAnsweredByEitherInstance(replay, problems);
        checkAuditTimelinesAnsweredByEitherInstance(plan.keySet(), problems);
        Map<String, Integer> decidedListed = decidedRoundsListedByEachInstance();
        Set<String> decidedEpisodes = decidedEpisodes(plan);
        Set<String> decidedInAll = new HashSet<>();
        stack.urls(Service.APPROVAL).forEach(url -> decidedInAll.addAll(decidedRoundsListed(url)));
        if (!decidedInAll.containsAll(decidedEpisodes)) {
            problems.add("the approval-service instances together list " + decidedInAll.size() + " decided rounds of "
                    + decidedEpisodes.size());
        }
        boolean chainIntact = LogChecks.auditReplayPasses(stack.url(Service.AUDIT, 0), auditor, "verify");
        boolean trailComplete = LogChecks.auditReplayPasses(stack.url(Service.AUDIT, 0), auditor, "rebuild");
        Instant checked = Instant.now();

        Map<String, Long> endings = replay.values().stream()
                .collect(Collectors.groupingBy(EpisodeLogReplay.Episode::status, TreeMap::new, Collectors.counting()));
        Map<String, Long> answers = new TreeMap<>();
        clients.forEach(client -> client.answerCounts().forEach((answer, count) -> answers.merge(answer, count, Long::sum)));
        System.out.printf("""
                ScaleOutIT figures
                  cluster:             %d brokers + 1 controller; topics %d replicas, min.insync.replicas %d
                  instances:           %d of each of %d services; members owning partitions before the kills %s
                  kills (SIGKILL):     %d (instance %d of each service); partitions held by the survivor %s;
                                       members owning partitions after the restart %s
                  episodes:            %d (%s), %d records on episode.events
                  time:                stack start %d s; traffic to the kills %d s; kills to restart %d s;
                                       restart to all ended %d s; checks %d s
                  decisions accepted:  %d (approved %d, rejected %d) through both approval-service instances
                  approval history:    decided rounds listed by each instance %s of %d decided
                  lost:                %d
                  duplicates:          %d
                  audit chain intact:  %s; audit trail equals a rebuild from the topics: %s
                  answers:             %s
                  problems:            %d
                """, BROKERS, REPLICATED.replicationFactor(), REPLICATED.minInsyncReplicas(), INSTANCES,
                Service.values().length, sharedBefore, Service.values().length, VICTIM + 1, survivorPartitions,
                sharedAfterRestart, plan.size(), endings, events.size(), stackStart.toSeconds(),
                Duration.between(began, killed).toSeconds(), Duration.between(killed, restarted).toSeconds(),
                Duration.between(restarted, allEnded).toSeconds(), Duration.between(allEnded, checked).toSeconds(),
                accepted.size(), LogChecks.countLane(accepted, Lane.APPROVE), LogChecks.countLane(accepted, Lane.REJECT),
                decidedListed, decidedEpisodes.size(), lost, doubled, chainIntact, trailComplete, answers, problems.size());
        problems.stream().limit(30).forEach(problem -> System.out.println("  - " + problem));

        for (Service service : Service.values()) {
            assertEquals(INSTANCES, sharedBefore.get(service), service + ": both instances own partitions before the kill");
            assertEquals(INSTANCES, sharedAfterRestart.get(service), service + ": both instances own partitions after the restart");
        }
        assertTrue(chainIntact, "the audit chain verifies");
        assertTrue(trailComplete, "the audit trail holds every record of the topics");
        assertEquals(0, lost, "nothing lost");
        assertEquals(0, doubled, "nothing doubled");
        assertEquals(List.of(), problems);
    }

    /**
     * Two clients, each with half the episodes: one submits to the first episode-service instance and decides
     * through the second approval-service instance, the other the other way round.
     */
    private static List<EpisodeTraffic> crosswiseClients(Map<String, Lane> plan) {
        List<Map<String, Lane>> halves = List.of(new LinkedHashMap<>(), new LinkedHashMap<>());
        int position = 0;
        for (Map.Entry<String, Lane> episode : plan.entrySet()) {
            // Pairs of episodes (a safe one and a risky one) alternate, so each half has every lane.
            halves.get(position++ / 2 % 2).put(episode.getKey(), episode.getValue());
        }
        List<EpisodeTraffic> clients = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            clients.add(new EpisodeTraffic(halves.get(i), stack.url(Service.EPISODE, i),
                    stack.url(Service.APPROVAL, INSTANCES - 1 - i), requester, approver));
        }
        return clients;
    }

    /** The topics (the catalogue's and Kafka Streams' own) that have fewer replicas or a lower min.insync.replicas than asked. */
    private static List<String> underReplicatedTopics() throws Exception {
        Set<String> names = admin.listTopics().names().get();
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
        Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all().get();
        List<String> wrong = new ArrayList<>();
        for (Topic<?> topic : Topics.ALL) {
            if (!names.contains(topic.name())) {
                wrong.add(topic.name() + " is missing");
            }
        }
        descriptions.forEach((name, description) -> {
            boolean threeReplicas = description.partitions().stream()
                    .allMatch(partition -> partition.replicas().size() == REPLICATED.replicationFactor());
            String minInsync = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).get("min.insync.replicas").value();
            if (!threeReplicas || !minInsync.equals(Integer.toString(REPLICATED.minInsyncReplicas()))) {
                wrong.add(name + " (replicas " + description.partitions().get(0).replicas().size()
                        + ", min.insync.replicas " + minInsync + ")");
            }
        });
        return wrong;
    }

    /** For each service, how many members of its Streams group own partitions now. */
    private static Map<Service, Integer> ownersByService() throws Exception {
        Map<Service, Integer> owners = new TreeMap<>();
        for (Service service : Service.values()) {
            owners.put(service, owners(service).size());
        }
        return owners;
    }

    /** Partitions per member of the service's Streams group, for the members that own any. */
    private static List<Integer> owners(Service service) throws Exception {
        return group(service).members().stream().map(MemberDescription::assignment)
                .map(assignment -> assignment.topicPartitions().size()).filter(count -> count > 0).toList();
    }

    /** Waits until one member (the survivor) owns the service's partitions; returns how many it owns. */
    private static int awaitOneOwner(Service service) throws Exception {
        Instant giveUp = Instant.now().plus(TAKEOVER);
        List<Integer> owners = owners(service);
        while (owners.size() != 1 || !isStable(service)) {
            assertTrue(Instant.now().isBefore(giveUp), service + ": partitions still owned by " + owners
                    + " members " + TAKEOVER + " after the kill");
            Thread.sleep(500);
            owners = owners(service);
        }
        return owners.get(0);
    }

    private static boolean isStable(Service service) throws Exception {
        return group(service).groupState() == GroupState.STABLE;
    }

    private static ConsumerGroupDescription group(Service service) throws Exception {
        String applicationId = APPLICATION_IDS.get(service);
        return admin.describeConsumerGroups(List.of(applicationId)).all().get().get(applicationId);
    }

    /** Waits until both instances of every service own partitions again after the restart. */
    private static Map<Service, Integer> awaitSharedAgain() throws Exception {
        Instant giveUp = Instant.now().plus(TAKEOVER);
        Map<Service, Integer> owners = ownersByService();
        while (owners.values().stream().anyMatch(count -> count != INSTANCES) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(500);
            owners = ownersByService();
        }
        return owners;
    }

    /** Every instance of episode-service lists every episode and serves each one's summary as the log tells it. */
    private static void checkEpisodesAnsweredByEitherInstance(Map<String, EpisodeLogReplay.Episode> replay,
            List<String> problems) {
        JsonHttp http = new JsonHttp();
        for (String instance : stack.urls(Service.EPISODE)) {
            Map<String, String> listed = new HashMap<>();
            String cursor = null;
            do {
                JsonHttp.Answer page = http.get(instance + "/episodes?limit=500" + (cursor == null ? "" : "&cursor=" + cursor),
                        auditor);
                assertEquals(200, page.status(), "GET /episodes of " + instance + " answered " + page.body());
                page.body().path("episodes").forEach(summary ->
                        listed.put(summary.path("episode_id").asText(), summary.path("status").asText()));
                cursor = page.text("next_cursor");
            } while (cursor != null);
            Map<String, String> logged = replay.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().status()));
            if (!listed.equals(logged)) {
                problems.add("GET /episodes of " + instance + " lists " + listed.size() + " episodes, the log has "
                        + logged.size() + (listed.size() == logged.size() ? " (statuses differ)" : ""));
            }
            replay.forEach((id, episode) -> {
                JsonHttp.Answer summary = http.get(instance + "/episodes/" + id + "/summary", auditor);
                if (!summary.is(200) || !episode.status().equals(summary.text("status"))) {
                    problems.add(instance + " answers " + summary.status() + " " + summary.text("status")
                            + " for the summary of " + id + ", the log says " + episode.status());
                }
            });
        }
    }

    /**
     * Every audit-service instance files the whole audit log by episode (a global store), so each answers a
     * timeline itself, without pointing the caller to another instance.
     */
    private static void checkAuditTimelinesAnsweredByEitherInstance(Set<String> episodeIds, List<String> problems) {
        JsonHttp http = new JsonHttp();
        for (String instance : stack.urls(Service.AUDIT)) {
            List<String> sample = episodeIds.stream().limit(20).toList();
            // The first request may wait out a rebalance; after that each answer counts as it comes.
            getPast503(http, instance + "/audit/episodes/" + sample.get(0));
            for (String id : sample) {
                JsonHttp.Answer answer = http.get(instance + "/audit/episodes/" + id, auditor);
                if (!answer.is(200) || answer.body().path("records").isEmpty()) {
                    problems.add(instance + " answers " + answer.status() + " for the audit timeline of " + id + ": "
                            + answer.body());
                }
            }
        }
    }

    /** The answer once it is not 503: while its Streams rebalance, an instance answers 503 for a moment, and a client tries again. */
    private static JsonHttp.Answer getPast503(JsonHttp http, String url) {
        Instant giveUp = Instant.now().plus(TAKEOVER);
        JsonHttp.Answer answer = http.get(url, auditor);
        while (answer.is(503) && Instant.now().isBefore(giveUp)) {
            sleep(Duration.ofMillis(500));
            answer = http.get(url, auditor);
        }
        return answer;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** The episodes each approval-service instance lists as decided, by instance. */
    private static Map<String, Integer> decidedRoundsListedByEachInstance() {
        Map<String, Integer> counts = new TreeMap<>();
        stack.urls(Service.APPROVAL).forEach(url -> counts.put(url, decidedRoundsListed(url).size()));
        return counts;
    }

    private static Set<String> decidedRoundsListed(String instance) {
        JsonHttp http = new JsonHttp();
        Set<String> episodes = new HashSet<>();
        String cursor = null;
        do {
            JsonHttp.Answer page = http.get(instance + "/approvals?status=decided&limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor), auditor);
            assertEquals(200, page.status(), "GET /approvals?status=decided of " + instance + " answered " + page.body());
            page.body().path("approvals").forEach(round -> episodes.add(round.path("episode_id").asText()));
            cursor = page.text("next_cursor");
        } while (cursor != null);
        return episodes;
    }

    private static Set<String> decidedEpisodes(Map<String, Lane> plan) {
        return plan.entrySet().stream().filter(entry -> entry.getValue().isDecided()).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
