package io.noesis.approval.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.approval.domain.ApprovalTally;
import io.noesis.approval.domain.ClosedRound;
import io.noesis.approval.domain.Command;
import io.noesis.approval.domain.Escalation;
import io.noesis.approval.domain.Retention;
import io.noesis.approval.domain.RoundAdvice;
import io.noesis.approval.domain.PendingApproval;
import io.noesis.schemas.ApprovalAwaited;
import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.DecisionChannel;
import io.noesis.schemas.DecisionKind;
import io.noesis.schemas.DecisionOutcome;
import io.noesis.schemas.DecisionResult;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeResumed;
import io.noesis.schemas.EvaluationSubject;
import io.noesis.schemas.Intervention;
import io.noesis.schemas.InterventionPatch;
import io.noesis.schemas.InterventionTarget;
import io.noesis.schemas.IntuitionApplied;
import io.noesis.schemas.ProposedAction;
import io.noesis.schemas.RefusalReason;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import io.noesis.testing.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalTopologyTest {

    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration EXPIRY_CHECK = Duration.ofSeconds(1);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, EpisodeEvent> events;
    private TestInputTopic<String, ApprovalDecision> decisions;
    private TestOutputTopic<String, DecisionOutcome> outcomes;
    private TestOutputTopic<String, EpisodeCommand> commands;

    @BeforeEach
    void startTopology() {
        drive(ApprovalTopology.build(TestRegistry.shared().serdes(), EXPIRY_CHECK));
    }

    private void drive(Topology topology) {
        RegistrySerdes serdes = TestRegistry.shared().serdes();
        driver = new TopologyTestDriver(topology, streamsConfig(), START);
        var keys = RegistrySerdes.keySerde();
        events = driver.createInputTopic(Topics.EPISODE_EVENTS.name(), keys.serializer(),
                serdes.valueSerde(Topics.EPISODE_EVENTS).serializer());
        decisions = driver.createInputTopic(Topics.APPROVAL_DECISIONS.name(), keys.serializer(),
                serdes.valueSerde(Topics.APPROVAL_DECISIONS).serializer());
        outcomes = driver.createOutputTopic(Topics.APPROVAL_OUTCOMES.name(), keys.deserializer(),
                serdes.valueSerde(Topics.APPROVAL_OUTCOMES).deserializer());
        commands = driver.createOutputTopic(Topics.EPISODE_COMMANDS.name(), keys.deserializer(),
                serdes.valueSerde(Topics.EPISODE_COMMANDS).deserializer());
    }

    private Properties streamsConfig() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "approval-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return config;
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    @Test
    void anApprovalOfAPendingEpisodeResumesIt() {
        awaitApproval("ep-1", "eval-1", 1, null, START.plusSeconds(600));

        DecisionOutcome outcome = decide("ep-1", "d-1", DecisionKind.APPROVE, "alice");

        assertEquals(DecisionResult.RESUMED, outcome.getVerdict());
        assertTrue(outcome.getAccepted());
        EpisodeCommand resume = commands.readValue();
        assertEquals(CommandType.RESUME, resume.getType());
        assertEquals("ep-1-eval-1-resume", resume.getCommandId());
        assertEquals(resume.getCommandId(), outcome.getCommandId());
        assertEquals("approval-service", resume.getIssuedBy());
        assertEquals(List.of("alice"), resume.getApprovers());
        assertEquals(List.of("d-1"), resume.getDecisionIds());
        assertEquals("drop the users table", resume.getTask(), "the agent resumes from the command alone");
        assertTrue(commands.isEmpty());
    }

    @Test
    void theQueueIndexFollowsThePendingTableInDeadlineOrder() {
        awaitApproval("ep-late", "eval-1", 1, null, START.plusSeconds(900));
        awaitApproval("ep-never", "eval-1", 1, null, null);
        awaitApproval("ep-soon", "eval-1", 1, null, START.plusSeconds(60));
        awaitApproval("ep-closed", "eval-1", 1, null, START.plusSeconds(30));
        followedBy("ep-closed", EpisodeEventType.RESUMED);
        // A new round of the same episode (an action proposed later) replaces its old place in the queue.
        awaitApproval("ep-late", "eval-2", 1, null, START.plusSeconds(120));

        KeyValueStore<String, String> index = driver.getKeyValueStore(ApprovalTopology.QUEUE_INDEX_STORE);
        List<String> queue = new ArrayList<>();
        try (var inOrder = index.all()) {
            inOrder.forEachRemaining(entry -> queue.add(entry.value));
        }

        assertEquals(List.of("ep-soon", "ep-late", "ep-never"), queue);
    }

    @Test
    void anEpisodeThatNeverAskedAPersonWritesNothingToTheTableOrItsIndex() {
        followedBy("ep-safe", EpisodeEventType.COMPLETED);
        awaitApproval("ep-risky", "eval-1", 1, null, null);
        followedBy("ep-risky", EpisodeEventType.RESUMED);
        followedBy("ep-risky", EpisodeEventType.COMPLETED);

        List<String> openedAndClosed = List.of("ep-risky", "ep-risky");
        assertEquals(openedAndClosed, changelogKeys(ApprovalTopology.PENDING_STORE));
        assertEquals(openedAndClosed, changelogKeys(ApprovalTopology.QUEUE_POSITION_STORE));
    }

    private List<String> changelogKeys(String store) {
        String changelog = streamsConfig().getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-" + store + "-changelog";
        return driver.createOutputTopic(changelog, RegistrySerdes.keySerde().deserializer(), new ByteArrayDeserializer())
                .readKeyValuesToList().stream().map(record -> record.key).toList();
    }

    @Test
    void aRejectionEmitsRejectWithTheReason() {
        awaitApproval("ep-1", "eval-1", 2, null, START.plusSeconds(600));

        DecisionOutcome outcome = decide("ep-1", "d-1", DecisionKind.REJECT, "alice");

        assertEquals(DecisionResult.REJECTED, outcome.getVerdict());
        EpisodeCommand reject = commands.readValue();
        assertEquals(CommandType.REJECT, reject.getType());
        assertEquals("reason of alice", reject.getReason());
        assertEquals(List.of("alice"), reject.getApprovers());
    }

    @Test
    void anApprovalAndARejectionTogetherEndInOneOutcomeTheSameOnEveryReplay() throws IOException {
        List<String> firstRun = approveAndRejectTogether();

        closeTopology();
        stateDir = Files.createTempDirectory(stateDir, "replay");
        startTopology();

        assertEquals(firstRun, approveAndRejectTogether());
    }

    /** Both decisions reach the join back to back, as two clicks at the same moment do on one partition. */
    private List<String> approveAndRejectTogether() {
        awaitApproval("ep-race", "eval-1", 1, null, START.plusSeconds(600));
        DecisionOutcome approve = decide("ep-race", "d-approve", DecisionKind.APPROVE, "alice");
        DecisionOutcome reject = decide("ep-race", "d-reject", DecisionKind.REJECT, "bob");

        assertEquals(DecisionResult.RESUMED, approve.getVerdict());
        assertRefused(RefusalReason.ALREADY_DECIDED, reject);
        List<EpisodeCommand> issued = commands.readValuesToList();
        assertEquals(1, issued.size(), "exactly one command for the round");
        return List.of(approve.getVerdict().name(), reject.getVerdict().name(), String.valueOf(reject.getRefusal()),
                issued.get(0).getType().name(), issued.get(0).getCommandId());
    }

    @Test
    void aDecisionForAnUnknownEpisodeIsRefusedNotPending() {
        DecisionOutcome outcome = decide("nobody", "d-1", DecisionKind.APPROVE, "alice");

        assertRefused(RefusalReason.NOT_PENDING, outcome);
        assertTrue(commands.isEmpty());
    }

    @Test
    void theRequesterCannotApproveTheirOwnEpisode() {
        awaitApproval("ep-1", "eval-1", 1, null, START.plusSeconds(600));

        assertRefused(RefusalReason.SELF_APPROVAL, decide("ep-1", "d-1", DecisionKind.APPROVE, "requester"));
        assertTrue(commands.isEmpty());
    }

    @Test
    void aQuorumOfTwoResumesOnlyAtTheSecondApprover() {
        awaitApproval("ep-1", "eval-1", 2, null, START.plusSeconds(600));

        DecisionOutcome first = decide("ep-1", "d-1", DecisionKind.APPROVE, "alice");
        assertEquals(DecisionResult.RECORDED, first.getVerdict());
        assertEquals(1, first.getApprovals());
        assertEquals(2, first.getRequiredApprovals());
        assertTrue(commands.isEmpty());

        DecisionOutcome second = decide("ep-1", "d-2", DecisionKind.APPROVE, "bob");
        assertEquals(DecisionResult.RESUMED, second.getVerdict());
        EpisodeCommand resume = commands.readValue();
        assertEquals(List.of("alice", "bob"), resume.getApprovers());
        assertEquals(List.of("d-1", "d-2"), resume.getDecisionIds());
    }

    @Test
    void aRepeatedDecisionIdGetsTheSameOutcomeAndNoSecondCommand() {
        awaitApproval("ep-1", "eval-1", 1, null, START.plusSeconds(600));

        DecisionOutcome first = decide("ep-1", "d-1", DecisionKind.APPROVE, "alice");
        DecisionOutcome retry = decide("ep-1", "d-1", DecisionKind.APPROVE, "alice");

        assertEquals(DecisionResult.RESUMED, retry.getVerdict());
        assertEquals(first.getCommandId(), retry.getCommandId());
        assertEquals(1, commands.readValuesToList().size());
        assertRefused(RefusalReason.DUPLICATE_DECISION, decide("ep-1", "d-1", DecisionKind.REJECT, "alice"));
    }

    @Test
    void anApproverOutsideTheGroupIsRefused() {
        awaitApproval("ep-1", "eval-1", 1, "sre", START.plusSeconds(600));

        assertRefused(RefusalReason.NOT_IN_GROUP, decide("ep-1", "d-1", DecisionKind.APPROVE, "alice", "dba"));
        assertEquals(DecisionResult.RESUMED, decide("ep-1", "d-2", DecisionKind.APPROVE, "bob", "sre").getVerdict());
    }

    @Test
    void theExpiryPunctuatorExpiresAnOverdueRoundOnce() {
        awaitApproval("ep-1", "eval-1", 1, null, START.plusSeconds(5));
        awaitApproval("ep-2", "eval-2", 1, null, null);

        driver.advanceWallClockTime(Duration.ofSeconds(3));
        assertTrue(commands.isEmpty());

        driver.advanceWallClockTime(Duration.ofSeconds(3));
        EpisodeCommand expire = commands.readValue();
        assertEquals(CommandType.EXPIRE, expire.getType());
        assertEquals("ep-1", expire.getEpisodeId());
        assertEquals("ep-1-eval-1-expire", expire.getCommandId());

        driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertTrue(commands.isEmpty());
        assertRefused(RefusalReason.EXPIRED, decide("ep-1", "d-1", DecisionKind.APPROVE, "alice"));
    }

    @Test
    void theJudgeReadsOnlyTheRoundsThatFellDue() {
        awaitApproval("ep-1", "eval-1", 1, null, START.plusSeconds(5));
        awaitApproval("ep-2", "eval-2", 1, null, START.plusSeconds(600));
        KeyValueStore<String, String> due = driver.getKeyValueStore(ApprovalTopology.DUE_INDEX_STORE);
        assertEquals(List.of(DueIndex.key(START.plusSeconds(5), "ep-1"), DueIndex.key(START.plusSeconds(600), "ep-2")),
                keys(due));

        driver.advanceWallClockTime(Duration.ofSeconds(6));

        assertEquals("ep-1", commands.readValue().getEpisodeId());
        assertEquals(List.of(DueIndex.key(START.plusSeconds(600), "ep-2")), keys(due));
    }

    @Test
    void aPendingRoundMissingFromTheDueIndexIsIndexedAtTheFirstCheck() {
        awaitApproval("ep-1", "eval-1", 1, null, START.plusSeconds(5));
        KeyValueStore<String, String> due = driver.getKeyValueStore(ApprovalTopology.DUE_INDEX_STORE);
        keys(due).forEach(due::delete);

        driver.advanceWallClockTime(Duration.ofSeconds(6));

        assertEquals(CommandType.EXPIRE, commands.readValue().getType());
    }

    @Test
    void aDecisionAfterTheEpisodeResumedIsRefusedNotPending() {
        awaitApproval("ep-1", "eval-1", 1, null, START.plusSeconds(600));
        decide("ep-1", "d-1", DecisionKind.APPROVE, "alice");
        followedBy("ep-1", EpisodeEventType.RESUMED);

        assertRefused(RefusalReason.NOT_PENDING, decide("ep-1", "d-2", DecisionKind.APPROVE, "bob"));
    }

    @Test
    void aDecisionAfterTheEpisodeWasRejectedIsRefusedNotPending() {
        awaitApproval("ep-1", "eval-1", 2, null, START.plusSeconds(600));
        decide("ep-1", "d-1", DecisionKind.REJECT, "alice");
        followedBy("ep-1", EpisodeEventType.REJECTED);

        assertRefused(RefusalReason.NOT_PENDING, decide("ep-1", "d-2", DecisionKind.APPROVE, "bob"));
    }

    @Test
    void theStoresHoldPendingRoundsUntilTheyCloseAndForgetClosedTallies() {
        awaitApproval("ep-1", "eval-1", 2, null, START.plusSeconds(600));
        decide("ep-1", "d-1", DecisionKind.APPROVE, "alice");
        KeyValueStore<String, ValueAndTimestamp<PendingApproval>> pending =
                driver.getTimestampedKeyValueStore(ApprovalTopology.PENDING_STORE);
        KeyValueStore<String, ApprovalTally> tallies = driver.getKeyValueStore(ApprovalTopology.TALLY_STORE);

        PendingApproval round = pending.get("ep-1").value();
        assertEquals("eval-1", round.evaluationId());
        assertEquals(START.plusSeconds(600), round.deadline());
        assertEquals(List.of("alice"), tallies.get("ep-1").approvers());

        followedBy("ep-1", EpisodeEventType.CANCELLED);
        assertNull(pending.get("ep-1"));
        driver.advanceWallClockTime(Retention.DEFAULT.checkInterval());

        assertNull(tallies.get("ep-1"));
    }

    @Test
    void aNewRoundForTheSameEpisodeStartsFromZeroApprovals() {
        awaitApproval("ep-1", "eval-1", 2, null, START.plusSeconds(600));
        decide("ep-1", "d-1", DecisionKind.APPROVE, "alice");
        awaitApproval("ep-1", "eval-2", 2, null, START.plusSeconds(600));

        DecisionOutcome again = decide("ep-1", "d-2", DecisionKind.APPROVE, "alice");

        assertEquals(DecisionResult.RECORDED, again.getVerdict());
        assertEquals(1, again.getApprovals());
    }

    @Test
    void aResumeForAProposedActionNamesTheAction() {
        ProposedAction action = new ProposedAction("act-7", "kubectl rollout undo deploy/api", "roll back");
        events.pipeInput("ep-1", awaitingEvent("ep-1", "eval-1", 1, null, null, EvaluationSubject.ACTION, action));

        decide("ep-1", "d-1", DecisionKind.APPROVE, "alice");

        assertEquals(action, commands.readValue().getAction());
    }

    @Test
    void eventsThatNeitherOpenNorCloseARoundLeaveItPending() {
        awaitApproval("ep-1", "eval-1", 1, null, START.plusSeconds(600));
        followedBy("ep-1", EpisodeEventType.STEP);

        assertEquals(DecisionResult.RESUMED, decide("ep-1", "d-1", DecisionKind.APPROVE, "alice").getVerdict());
    }

    @Test
    void roundsSettledByADecisionOrTheirDeadlineJoinTheHistory() {
        awaitApproval("ep-1", "eval-1", 1, null, START.plusSeconds(600));
        awaitApproval("ep-2", "eval-2", 1, null, START.plusSeconds(5));
        awaitApproval("ep-3", "eval-3", 1, null, null);
        decide("ep-1", "d-1", DecisionKind.REJECT, "alice");
        driver.advanceWallClockTime(Duration.ofSeconds(6));
        KeyValueStore<String, ClosedRound> history = driver.getKeyValueStore(ApprovalTopology.HISTORY_STORE);

        ClosedRound rejected = history.get("ep-1/eval-1");
        assertEquals(Command.Kind.REJECT, rejected.closedBy());
        assertEquals(List.of("alice"), rejected.approvers());
        assertEquals("reason of alice", rejected.reason());
        assertEquals("drop the users table", rejected.round().task());
        assertTrue(history.get("ep-2/eval-2").expired());
        assertNull(history.get("ep-3/eval-3"));
    }

    @Test
    void theAdviceOfTheLatestEvaluationIsKeptForItsRound() {
        events.pipeInput("ep-1", adviceEvent("ep-1", "eval-1", "stale advice"));
        events.pipeInput("ep-1", adviceEvent("ep-1", "eval-2", "take a backup first"));
        events.pipeInput("ep-1", adviceEvent("ep-1", "eval-2", "ask the owner"));
        awaitApproval("ep-1", "eval-2", 1, null, null);
        KeyValueStore<String, ValueAndTimestamp<RoundAdvice>> advice =
                driver.getTimestampedKeyValueStore(ApprovalTopology.ADVICE_STORE);
        PendingApproval round = driver.<String, PendingApproval>getTimestampedKeyValueStore(
                ApprovalTopology.PENDING_STORE).get("ep-1").value();

        List<RoundAdvice.Advice> given = advice.get("ep-1").value().forRound(round);

        assertEquals(List.of("take a backup first", "ask the owner"),
                given.stream().map(RoundAdvice.Advice::advice).toList());
        assertEquals("keyword: drop", given.get(0).riskReason());
    }

    @Test
    void aRoundNobodyDecidesIsEscalatedOnceWhenHalfItsTimeHasPassed() {
        driver.close();
        List<String> escalated = new ArrayList<>();
        drive(ApprovalTopology.build(TestRegistry.shared().serdes(), EXPIRY_CHECK,
                Optional.of(new Escalation(0.5, (round, at) -> escalated.add(round.episodeId() + "@" + at))),
                Retention.DEFAULT));
        awaitApproval("ep-1", "eval-1", 1, null, START.plusSeconds(10));
        awaitApproval("ep-2", "eval-2", 1, null, null);

        driver.advanceWallClockTime(Duration.ofSeconds(4));
        assertEquals(List.of(), escalated);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertEquals(List.of("ep-1@" + START.plusSeconds(6)), escalated);
    }

    @Test
    void settledRoundsAndTheAdviceOfFinishedEpisodesAreForgottenOnceOlderThanTheRetention() {
        driver.close();
        drive(ApprovalTopology.build(TestRegistry.shared().serdes(), EXPIRY_CHECK, Optional.empty(),
                new Retention(Duration.ofHours(1), Duration.ofMinutes(1))));
        // ep-1 is rejected at once, ep-2 waits for a decision that may never come, ep-3 needed no approval.
        events.pipeInput("ep-1", adviceEvent("ep-1", "eval-1", "ask the owner"), START);
        awaitApproval("ep-1", "eval-1", 1, null, START.plusSeconds(600));
        decide("ep-1", "d-1", DecisionKind.REJECT, "alice");
        followedBy("ep-1", EpisodeEventType.REJECTED);
        events.pipeInput("ep-2", adviceEvent("ep-2", "eval-2", "take a backup"), START);
        awaitApproval("ep-2", "eval-2", 1, null, null);
        events.pipeInput("ep-3", adviceEvent("ep-3", "eval-3", "harmless"), START);
        driver.advanceWallClockTime(Duration.ofMinutes(50));
        awaitApproval("ep-4", "eval-4", 1, null, null);
        decide("ep-4", "d-4", DecisionKind.APPROVE, "bob");
        KeyValueStore<String, ClosedRound> history = driver.getKeyValueStore(ApprovalTopology.HISTORY_STORE);
        KeyValueStore<String, ValueAndTimestamp<RoundAdvice>> advice =
                driver.getTimestampedKeyValueStore(ApprovalTopology.ADVICE_STORE);
        assertNotNull(history.get("ep-1/eval-1"));
        assertNotNull(advice.get("ep-1"));

        driver.advanceWallClockTime(Duration.ofMinutes(11));

        assertNull(history.get("ep-1/eval-1"), "settled 61 minutes ago");
        assertNotNull(history.get("ep-4/eval-4"), "settled 11 minutes ago");
        assertNull(advice.get("ep-1"), "its round is settled");
        assertNotNull(advice.get("ep-2"), "its round still awaits a decision");
        assertNull(advice.get("ep-3"), "it never needed a decision");
    }

    private static EpisodeEvent adviceEvent(String episodeId, String evaluationId, String advice) {
        Intervention intervention = Intervention.newBuilder()
                .setPolicy("high-risk-keywords")
                .setPolicyVersion("1")
                .setAdvice(advice)
                .setPatch(new InterventionPatch(true, "keyword: drop"))
                .setTarget(InterventionTarget.PLAN)
                .setRationale("drop destroys data")
                .build();
        return event(episodeId, EpisodeEventType.INTUITION, new IntuitionApplied(evaluationId, "rules-1", intervention));
    }

    private void awaitApproval(String episodeId, String evaluationId, int required, String group, Instant deadline) {
        events.pipeInput(episodeId,
                awaitingEvent(episodeId, evaluationId, required, group, deadline, EvaluationSubject.REQUEST, null));
    }

    private static EpisodeEvent awaitingEvent(String episodeId, String evaluationId, int required, String group,
            Instant deadline, EvaluationSubject subject, ProposedAction action) {
        ApprovalAwaited awaited = ApprovalAwaited.newBuilder()
                .setEvaluationId(evaluationId)
                .setSubject(subject)
                .setAction(action)
                .setTask("drop the users table")
                .setRequestedBy("requester")
                .setRiskScore(0.9)
                .setRequiredApprovals(required)
                .setApproverGroup(group)
                .setDeadline(deadline)
                .setReasons(List.of("destructive statement"))
                .build();
        return event(episodeId, EpisodeEventType.AWAITING_APPROVAL, awaited);
    }

    /** Appends an event of the type; its payload does not matter to the approval service. */
    private void followedBy(String episodeId, EpisodeEventType type) {
        events.pipeInput(episodeId, event(episodeId, type, new EpisodeResumed("cmd", List.of(), List.of(), null)));
    }

    private static EpisodeEvent event(String episodeId, EpisodeEventType type, Object payload) {
        return EpisodeEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setEpisodeId(episodeId)
                .setSequence(1)
                .setType(type)
                .setTime(START)
                .setSource("test")
                .setPayload(payload)
                .build();
    }

    private DecisionOutcome decide(String episodeId, String decisionId, DecisionKind kind, String approver,
            String... groups) {
        decisions.pipeInput(episodeId, ApprovalDecision.newBuilder()
                .setDecisionId(decisionId)
                .setEpisodeId(episodeId)
                .setOutcome(kind)
                .setApprover(approver)
                .setApproverGroups(List.of(groups))
                .setReason("reason of " + approver)
                .setChannel(DecisionChannel.API)
                .setDecidedAt(START)
                .build());
        DecisionOutcome outcome = outcomes.readValue();
        assertEquals(decisionId, outcome.getDecisionId());
        assertEquals(approver, outcome.getApprover());
        return outcome;
    }

    private static void assertRefused(RefusalReason refusal, DecisionOutcome outcome) {
        assertFalse(outcome.getAccepted());
        assertEquals(DecisionResult.REFUSED, outcome.getVerdict());
        assertEquals(refusal, outcome.getRefusal());
    }

    private static List<String> keys(KeyValueStore<String, String> store) {
        List<String> keys = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }
}
