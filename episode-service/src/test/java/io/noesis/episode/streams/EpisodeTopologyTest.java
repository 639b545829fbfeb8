package io.noesis.episode.streams;

import static io.noesis.episode.EpisodeFixtures.actionCommand;
import static io.noesis.episode.EpisodeFixtures.actionEvaluation;
import static io.noesis.episode.EpisodeFixtures.command;
import static io.noesis.episode.EpisodeFixtures.proposedAction;
import static io.noesis.episode.EpisodeFixtures.report;
import static io.noesis.episode.EpisodeFixtures.request;
import static io.noesis.episode.EpisodeFixtures.riskyEvaluation;
import static io.noesis.episode.EpisodeFixtures.safeEvaluation;
import static org.assertj.core.api.Assertions.assertThat;

import io.noesis.episode.domain.EpisodeLifecycle;
import io.noesis.episode.domain.EpisodeState;
import io.noesis.episode.domain.EpisodeStatus;
import io.noesis.schemas.AgentReport;
import io.noesis.schemas.ApprovalAwaited;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCancelled;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeRejected;
import io.noesis.schemas.EvaluationStarted;
import io.noesis.schemas.EvaluationSubject;
import io.noesis.schemas.ReportType;
import io.noesis.schemas.RequestRefused;
import io.noesis.schemas.Topic;
import io.noesis.schemas.Topics;
import io.noesis.schemas.TransitionRefused;
import io.noesis.schemas.serde.RegistrySerdes;
import io.noesis.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpisodeTopologyTest {

    private static final Instant CLOCK = Instant.parse("2026-03-01T12:00:00Z");

    private final RegistrySerdes serdes = TestRegistry.shared().serdes();
    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestOutputTopic<String, EpisodeEvent> events;
    private TestOutputTopic<String, EpisodeCommand> commands;

    @BeforeEach
    void startDriver() throws Exception {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "episode-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(EpisodeTopology.build(serdes, new EpisodeLifecycle(Duration.ofHours(1))), config, CLOCK);
        events = driver.createOutputTopic(Topics.EPISODE_EVENTS.name(), RegistrySerdes.keySerde().deserializer(),
                serdes.valueSerde(Topics.EPISODE_EVENTS).deserializer());
        commands = driver.createOutputTopic(Topics.EPISODE_COMMANDS.name(), RegistrySerdes.keySerde().deserializer(),
                serdes.valueSerde(Topics.EPISODE_COMMANDS).deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aRequestIsRecordedAndEvaluationBegins() {
        send(Topics.EPISODE_REQUESTS, "ep-1", request("ep-1", "restart the web tier"));

        List<EpisodeEvent> log = events.readValuesToList();
        assertThat(log).extracting(EpisodeEvent::getType)
                .containsExactly(EpisodeEventType.REQUESTED, EpisodeEventType.EVALUATING);
        assertThat(log).extracting(EpisodeEvent::getEventId).containsExactly("ep-1-1", "ep-1-2");
        assertThat(log).extracting(EpisodeEvent::getSequence).containsExactly(1L, 2L);
        assertThat(log).allSatisfy(event -> {
            assertThat(event.getSource()).isEqualTo("request");
            assertThat(event.getTime()).isEqualTo(CLOCK);
            assertThat(event.getEpisodeId()).isEqualTo("ep-1");
        });
        assertThat(summary("ep-1").status()).isEqualTo(EpisodeStatus.EVALUATING);
    }

    @Test
    void aSafeEvaluationStartsTheEpisode() {
        send(Topics.EPISODE_REQUESTS, "ep-1", request("ep-1", "restart the web tier"));
        events.readValuesToList();

        send(Topics.POLICY_EVALUATIONS, "ep-1", safeEvaluation("ep-1"));

        List<EpisodeEvent> log = events.readValuesToList();
        assertThat(log).extracting(EpisodeEvent::getType).containsExactly(EpisodeEventType.INTUITION, EpisodeEventType.STARTED);
        assertThat(log).extracting(EpisodeEvent::getSequence).containsExactly(3L, 4L);
        assertThat(log).extracting(EpisodeEvent::getSource).containsOnly("policy:eval-ep-1-1");
        KeyValue<String, EpisodeCommand> start = commands.readKeyValue();
        assertThat(start.key).isEqualTo("ep-1");
        assertThat(start.value.getType()).isEqualTo(CommandType.START);
        assertThat(start.value.getIssuedBy()).isEqualTo("episode-service");
        assertThat(start.value.getTask()).isEqualTo("restart the web tier");
        assertThat(summary("ep-1").status()).isEqualTo(EpisodeStatus.RUNNING);
    }

    @Test
    void aRiskyEvaluationPausesTheEpisodeUntilResumedAndCompleted() {
        send(Topics.EPISODE_REQUESTS, "ep-1", request("ep-1", "drop the orders table"));
        send(Topics.POLICY_EVALUATIONS, "ep-1", riskyEvaluation("ep-1"));

        assertThat(types(events.readValuesToList())).containsExactly(EpisodeEventType.REQUESTED, EpisodeEventType.EVALUATING,
                EpisodeEventType.INTUITION, EpisodeEventType.INTUITION, EpisodeEventType.AWAITING_APPROVAL);
        assertThat(commands.isEmpty()).isTrue();
        assertThat(summary("ep-1").status()).isEqualTo(EpisodeStatus.AWAITING_APPROVAL);

        send(Topics.EPISODE_COMMANDS, "ep-1", command("ep-1", CommandType.RESUME));
        EpisodeEvent resumed = events.readValue();
        assertThat(resumed.getType()).isEqualTo(EpisodeEventType.RESUMED);
        assertThat(resumed.getSource()).isEqualTo("command:resume-ep-1");
        assertThat(summary("ep-1").status()).isEqualTo(EpisodeStatus.RUNNING);
        assertThat(summary("ep-1").approvals().approvers()).containsExactly("bob", "carol");

        send(Topics.AGENT_REPORTS, "ep-1", report("ep-1", ReportType.STEP));
        send(Topics.AGENT_REPORTS, "ep-1", report("ep-1", ReportType.COMPLETED));
        assertThat(types(events.readValuesToList())).containsExactly(EpisodeEventType.STEP, EpisodeEventType.COMPLETED);
        assertThat(summary("ep-1").status()).isEqualTo(EpisodeStatus.COMPLETED);
        assertThat(summary("ep-1").lastSequence()).isEqualTo(8);
    }

    @Test
    void aProposedActionThePoliciesLetThroughResumesTheAgent() {
        startRunning("ep-1");

        send(Topics.AGENT_REPORTS, "ep-1", report("ep-1", ReportType.ACTION_PROPOSED));
        List<EpisodeEvent> proposed = events.readValuesToList();
        assertThat(types(proposed)).containsExactly(EpisodeEventType.ACTION_PROPOSED, EpisodeEventType.EVALUATING);
        assertThat(((EvaluationStarted) proposed.get(1).getPayload()).getAction()).isEqualTo(proposedAction());
        assertThat(summary("ep-1").status()).isEqualTo(EpisodeStatus.EVALUATING);

        send(Topics.POLICY_EVALUATIONS, "ep-1", actionEvaluation("ep-1", proposedAction(), false));
        assertThat(types(events.readValuesToList())).containsExactly(EpisodeEventType.INTUITION, EpisodeEventType.RESUMED);
        EpisodeCommand resume = commands.readValue();
        assertThat(resume.getType()).isEqualTo(CommandType.RESUME);
        assertThat(resume.getAction()).isEqualTo(proposedAction());
        assertThat(resume.getReason()).isEqualTo("no approval required");
        assertThat(summary("ep-1").status()).isEqualTo(EpisodeStatus.RUNNING);

        send(Topics.EPISODE_COMMANDS, "ep-1", resume);
        assertThat(events.isEmpty()).isTrue();
        assertThat(summary("ep-1").status()).isEqualTo(EpisodeStatus.RUNNING);
    }

    @Test
    void aRiskyActionWaitsForApprovalAndItsRejectionEndsTheEpisode() {
        startRunning("ep-1");
        send(Topics.AGENT_REPORTS, "ep-1", report("ep-1", ReportType.ACTION_PROPOSED));
        send(Topics.POLICY_EVALUATIONS, "ep-1", actionEvaluation("ep-1", proposedAction(), true));

        List<EpisodeEvent> log = events.readValuesToList();
        EpisodeEvent awaiting = log.get(log.size() - 1);
        assertThat(awaiting.getType()).isEqualTo(EpisodeEventType.AWAITING_APPROVAL);
        assertThat(((ApprovalAwaited) awaiting.getPayload()).getSubject()).isEqualTo(EvaluationSubject.ACTION);
        assertThat(((ApprovalAwaited) awaiting.getPayload()).getAction()).isEqualTo(proposedAction());
        assertThat(commands.isEmpty()).isTrue();

        EpisodeCommand reject = actionCommand("ep-1", CommandType.REJECT, proposedAction());
        reject.setReason("not during the freeze");
        send(Topics.EPISODE_COMMANDS, "ep-1", reject);

        EpisodeEvent rejected = events.readValue();
        assertThat(rejected.getType()).isEqualTo(EpisodeEventType.REJECTED);
        assertThat(((EpisodeRejected) rejected.getPayload()).getReason()).isEqualTo("not during the freeze");
        assertThat(summary("ep-1").status()).isEqualTo(EpisodeStatus.REJECTED);
    }

    @Test
    void aCancelEndsAnOpenEpisodeAndIsRefusedOnceItHasEnded() {
        startRunning("ep-1");
        EpisodeCommand cancel = command("ep-1", CommandType.CANCEL);
        cancel.setIssuedBy("episode-service");
        cancel.setApprovers(List.of("alice"));

        send(Topics.EPISODE_COMMANDS, "ep-1", cancel);
        EpisodeEvent cancelled = events.readValue();
        assertThat(cancelled.getType()).isEqualTo(EpisodeEventType.CANCELLED);
        assertThat(((EpisodeCancelled) cancelled.getPayload()).getCancelledBy()).isEqualTo("alice");
        assertThat(summary("ep-1").status()).isEqualTo(EpisodeStatus.CANCELLED);

        send(Topics.EPISODE_COMMANDS, "ep-1", cancel);
        assertThat(events.readValue().getType()).isEqualTo(EpisodeEventType.TRANSITION_REFUSED);
        assertThat(summary("ep-1").status()).isEqualTo(EpisodeStatus.CANCELLED);
    }

    @Test
    void refusedTransitionsAreRecordedAndChangeNothing() {
        send(Topics.EPISODE_REQUESTS, "ep-1", request("ep-1", "restart the web tier"));
        send(Topics.POLICY_EVALUATIONS, "ep-1", safeEvaluation("ep-1"));
        send(Topics.AGENT_REPORTS, "ep-1", report("ep-1", ReportType.COMPLETED));
        events.readValuesToList();

        send(Topics.EPISODE_COMMANDS, "ep-1", command("ep-1", CommandType.RESUME));
        AgentReport secondCompletion = report("ep-1", ReportType.COMPLETED);
        secondCompletion.setReportId("another-completion");
        send(Topics.AGENT_REPORTS, "ep-1", secondCompletion);

        List<EpisodeEvent> refusals = events.readValuesToList();
        assertThat(types(refusals)).containsExactly(EpisodeEventType.TRANSITION_REFUSED, EpisodeEventType.TRANSITION_REFUSED);
        assertThat(refusals).extracting(event -> ((TransitionRefused) event.getPayload()).getInput())
                .containsExactly("command RESUME", "report COMPLETED");
        assertThat(refusals).extracting(event -> ((TransitionRefused) event.getPayload()).getFromState())
                .containsOnly("COMPLETED");
        assertThat(refusals).extracting(EpisodeEvent::getSequence).containsExactly(6L, 7L);
        assertThat(summary("ep-1").status()).isEqualTo(EpisodeStatus.COMPLETED);
    }

    @Test
    void inputsForAnUnknownEpisodeAreRefusedOutsideAnyLog() {
        send(Topics.AGENT_REPORTS, "ghost", report("ghost", ReportType.COMPLETED));

        EpisodeEvent refusal = events.readValue();
        assertThat(refusal.getType()).isEqualTo(EpisodeEventType.TRANSITION_REFUSED);
        assertThat(refusal.getSequence()).isZero();
        assertThat(refusal.getEventId()).startsWith("ghost-refused-" + Topics.AGENT_REPORTS.name() + "-0-");
        assertThat(driver.<String, EpisodeState>getKeyValueStore(EpisodeStores.EPISODES).get("ghost")).isNull();
        assertThat(eventStoreKeys()).isEmpty();
    }

    @Test
    void aRepeatedRequestIdChangesNothing() {
        send(Topics.EPISODE_REQUESTS, "ep-1", request("ep-1", "restart the web tier"));
        events.readValuesToList();

        send(Topics.EPISODE_REQUESTS, "ep-1", request("ep-1", "something else entirely"));

        assertThat(events.isEmpty()).isTrue();
        assertThat(summary("ep-1").task()).isEqualTo("restart the web tier");
    }

    @Test
    void anInvalidRequestIsRefusedAndOpensNoEpisode() {
        send(Topics.EPISODE_REQUESTS, "ep-1", request("ep-1", ""));
        send(Topics.EPISODE_REQUESTS, "ep-2", request("not-ep-2", "restart the web tier"));

        List<EpisodeEvent> refusals = events.readValuesToList();
        assertThat(types(refusals)).containsExactly(EpisodeEventType.REQUEST_REFUSED, EpisodeEventType.REQUEST_REFUSED);
        assertThat(refusals).extracting(event -> ((RequestRefused) event.getPayload()).getField())
                .containsExactly("task", "episode_id");
        assertThat(driver.<String, EpisodeState>getKeyValueStore(EpisodeStores.EPISODES).approximateNumEntries()).isZero();
    }

    @Test
    void itsOwnStartCommandIsNotAppliedAgain() {
        send(Topics.EPISODE_REQUESTS, "ep-1", request("ep-1", "restart the web tier"));
        send(Topics.POLICY_EVALUATIONS, "ep-1", safeEvaluation("ep-1"));
        events.readValuesToList();

        send(Topics.EPISODE_COMMANDS, "ep-1", commands.readValue());

        assertThat(events.isEmpty()).isTrue();
        assertThat(summary("ep-1").lastSequence()).isEqualTo(4);
    }

    @Test
    void theStoresKeepEachLogInOrderAndTheNewestEpisodeFirst() {
        for (int i = 1; i <= 11; i++) {
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            send(Topics.EPISODE_REQUESTS, "ep-" + i, request("ep-" + i, "task " + i));
        }
        send(Topics.POLICY_EVALUATIONS, "ep-1", riskyEvaluation("ep-1"));

        assertThat(eventStoreKeys().stream().filter(key -> key.startsWith("ep-1/")).toList()).containsExactly(
                "ep-1/0000000000000000001", "ep-1/0000000000000000002", "ep-1/0000000000000000003",
                "ep-1/0000000000000000004", "ep-1/0000000000000000005");
        List<String> newestFirst = new ArrayList<>();
        KeyValueStore<String, String> index = driver.getKeyValueStore(EpisodeStores.EPISODE_INDEX);
        try (KeyValueIterator<String, String> all = index.all()) {
            all.forEachRemaining(entry -> newestFirst.add(entry.value));
        }
        assertThat(newestFirst).containsExactly("ep-11", "ep-10", "ep-9", "ep-8", "ep-7", "ep-6", "ep-5", "ep-4", "ep-3",
                "ep-2", "ep-1");
    }

    @Test
    void reportsReadBeforeTheResumeTheyCarryOutWaitForIt() {
        send(Topics.EPISODE_REQUESTS, "ep-1", request("ep-1", "drop the orders table"));
        send(Topics.POLICY_EVALUATIONS, "ep-1", riskyEvaluation("ep-1"));
        events.readValuesToList();
        for (ReportType type : List.of(ReportType.STEP, ReportType.COMPLETED)) {
            AgentReport report = report("ep-1", type);
            report.setCommandId("resume-ep-1");
            send(Topics.AGENT_REPORTS, "ep-1", report);
        }
        assertThat(events.isEmpty()).isTrue();
        assertThat(summary("ep-1").heldReports()).extracting(held -> held.reportId())
                .containsExactly("report-step-ep-1", "report-completed-ep-1");

        send(Topics.EPISODE_COMMANDS, "ep-1", command("ep-1", CommandType.RESUME));

        List<EpisodeEvent> log = events.readValuesToList();
        assertThat(types(log)).containsExactly(EpisodeEventType.RESUMED, EpisodeEventType.STEP, EpisodeEventType.COMPLETED);
        assertThat(log).extracting(EpisodeEvent::getSource)
                .containsExactly("command:resume-ep-1", "report:report-step-ep-1", "report:report-completed-ep-1");
        assertThat(summary("ep-1").status()).isEqualTo(EpisodeStatus.COMPLETED);
        assertThat(summary("ep-1").heldReports()).isEmpty();
    }

    /** Opens the episode and lets the policies start it; the events and the START so far are consumed. */
    private void startRunning(String episodeId) {
        send(Topics.EPISODE_REQUESTS, episodeId, request(episodeId, "restart the web tier"));
        send(Topics.POLICY_EVALUATIONS, episodeId, safeEvaluation(episodeId));
        events.readValuesToList();
        commands.readValuesToList();
    }

    private <V> void send(Topic<V> topic, String key, V value) {
        TestInputTopic<String, V> input = driver.createInputTopic(topic.name(), RegistrySerdes.keySerde().serializer(),
                serdes.valueSerde(topic).serializer());
        input.pipeInput(key, value);
    }

    private EpisodeState summary(String episodeId) {
        return driver.<String, EpisodeState>getKeyValueStore(EpisodeStores.EPISODES).get(episodeId);
    }

    private List<String> eventStoreKeys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, EpisodeEvent> all = driver.<String, EpisodeEvent>getKeyValueStore(
                EpisodeStores.EPISODE_EVENTS).all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private static List<EpisodeEventType> types(List<EpisodeEvent> log) {
        return log.stream().map(EpisodeEvent::getType).toList();
    }
}
