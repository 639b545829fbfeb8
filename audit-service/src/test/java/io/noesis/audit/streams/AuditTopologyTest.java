package io.noesis.audit.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.audit.domain.AuditChain;
import io.noesis.audit.domain.AuditedDecision;
import io.noesis.audit.domain.ChainLink;
import io.noesis.audit.domain.ChainState;
import io.noesis.audit.domain.DecisionFilter;
import io.noesis.audit.domain.Period;
import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.AuditRecord;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.DecisionChannel;
import io.noesis.schemas.DecisionKind;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeRequest;
import io.noesis.schemas.EpisodeRequested;
import io.noesis.schemas.Topic;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import io.noesis.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTopologyTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final RegistrySerdes serdes = TestRegistry.shared().serdes();
    /** The test's own state directory, not Kafka Streams' default under /tmp, which outlives the build. */
    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestOutputTopic<String, AuditRecord> auditLog;

    @BeforeEach
    void startTopology() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "audit-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(AuditTopology.build(serdes), config, WALL_CLOCK);
        auditLog = driver.createOutputTopic(Topics.AUDIT_LOG.name(), RegistrySerdes.keySerde().deserializer(),
                serdes.valueSerde(Topics.AUDIT_LOG).deserializer());
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    @Test
    void chainsRecordsFromEveryTopicInArrivalOrder() {
        send(Topics.EPISODE_REQUESTS, "ep-1", EpisodeRequest.newBuilder().setTask("drop the cache")
                .setRequestedBy("alice").build(), T0);
        send(Topics.EPISODE_EVENTS, "ep-1", requested("ep-1"), T0.plusSeconds(1));
        send(Topics.APPROVAL_DECISIONS, "ep-1", decision("ep-1"), T0.plusSeconds(2));
        send(Topics.EPISODE_COMMANDS, "ep-1", resume("ep-1"), T0.plusSeconds(3));

        List<TestRecord<String, AuditRecord>> records = auditLog.readRecordsToList();

        assertEquals(4, records.size());
        records.forEach(record -> assertEquals("ep-1", record.key()));
        List<AuditRecord> values = records.stream().map(TestRecord::value).toList();
        assertEquals(List.of(0L, 1L, 2L, 3L), values.stream().map(AuditRecord::getPosition).toList());
        assertEquals(List.of("alice", "episode-service", "bob", "approval-service"),
                values.stream().map(AuditRecord::getActor).toList());
        assertEquals(List.of("REQUESTED", "REQUESTED", "APPROVE", "RESUME"),
                values.stream().map(AuditRecord::getAction).toList());
        assertEquals(List.of(Topics.EPISODE_REQUESTS.name(), Topics.EPISODE_EVENTS.name(),
                Topics.APPROVAL_DECISIONS.name(), Topics.EPISODE_COMMANDS.name()),
                values.stream().map(AuditRecord::getSourceTopic).toList());
        assertEquals(T0.plusSeconds(2), values.get(2).getSourceTimestamp());
        assertEquals(WALL_CLOCK, values.get(2).getRecordedAt());
        assertTrue(AuditChain.verify(values.stream().map(AuditRecords::toLink).toList()).intact());
    }

    @Test
    void keepsTheSourceCoordinatesOfEachRecord() {
        send(Topics.EPISODE_EVENTS, "ep-1", requested("ep-1"), T0);
        send(Topics.EPISODE_EVENTS, "ep-2", requested("ep-2"), T0);

        List<AuditRecord> values = auditLog.readValuesToList();

        assertEquals(List.of(0L, 1L), values.stream().map(AuditRecord::getSourceOffset).toList());
        assertEquals(List.of("ep-1", "ep-2"), values.stream().map(AuditRecord::getEpisodeId).toList());
        assertEquals(0, values.get(0).getSourcePartition());
    }

    @Test
    void theHeadAndTheTrailLiveInTheirStores() {
        send(Topics.EPISODE_EVENTS, "ep-1", requested("ep-1"), T0);
        send(Topics.APPROVAL_DECISIONS, "ep-2", decision("ep-2"), T0);
        send(Topics.EPISODE_COMMANDS, "ep-1", resume("ep-1"), T0);

        List<AuditRecord> values = auditLog.readValuesToList();
        KeyValueStore<String, ChainState> chain = driver.getKeyValueStore(AuditTopology.CHAIN_STORE);
        assertEquals(new ChainState(3, values.get(2).getHash()), chain.get(ChainingProcessor.HEAD));
        assertEquals(List.of("ep-1/0000000000000000000", "ep-1/0000000000000000002", "ep-2/0000000000000000001"),
                trailKeys());
    }

    @Test
    void aRecordWithoutAKeyIsChainedButInNoTimeline() {
        send(Topics.EPISODE_COMMANDS, null, resume("ep-9"), T0);

        AuditRecord record = auditLog.readValue();
        assertEquals(0L, record.getPosition());
        assertNull(record.getEpisodeId());
        assertEquals(List.of(), trailKeys());
    }

    @Test
    void aTimelineHoldsOnlyItsOwnEpisodesLinksInChainOrder() {
        send(Topics.EPISODE_EVENTS, "a", requested("a"), T0);
        send(Topics.EPISODE_EVENTS, "a/1", requested("a/1"), T0);
        send(Topics.EPISODE_COMMANDS, "a", resume("a"), T0);
        send(Topics.EPISODE_COMMANDS, "b", resume("b"), T0);

        KeyValueStore<String, ChainLink> trail = driver.getKeyValueStore(AuditTopology.TRAIL_STORE);

        assertEquals(List.of(0L, 2L), positions(AuditTrailQueries.timelineIn(trail, "a")));
        assertEquals(List.of(1L), positions(AuditTrailQueries.timelineIn(trail, "a/1")));
        assertEquals(List.of(), AuditTrailQueries.timelineIn(trail, "unknown"));
    }

    @Test
    void decisionsAreFiledByTimeAndAnsweredInTimeOrderUpToTheLimit() {
        send(Topics.APPROVAL_DECISIONS, "ep-2", decision("ep-2", "carol", T0.plusSeconds(30)), T0);
        send(Topics.APPROVAL_DECISIONS, "ep-1", decision("ep-1", "bob", T0.plusSeconds(10)), T0);
        send(Topics.APPROVAL_DECISIONS, "ep-3", decision("ep-3", "bob", T0.plusSeconds(20)), T0);

        KeyValueStore<String, AuditedDecision> decisions = driver.getKeyValueStore(AuditTopology.DECISIONS_STORE);
        Period always = new Period(null, null);

        assertEquals(List.of("ep-1", "ep-3", "ep-2"), episodes(AuditTrailQueries.decisionsIn(decisions,
                new DecisionFilter(null, null, null, always), 10)));
        assertEquals(List.of("ep-1", "ep-3"), episodes(AuditTrailQueries.decisionsIn(decisions,
                new DecisionFilter("bob", "APPROVE", "API", always), 10)));
        assertEquals(List.of("ep-1"), episodes(AuditTrailQueries.decisionsIn(decisions,
                new DecisionFilter(null, null, null, always), 1)));
        assertEquals(List.of("ep-3"), episodes(AuditTrailQueries.decisionsIn(decisions,
                new DecisionFilter(null, null, null, new Period(T0.plusSeconds(20), T0.plusSeconds(30))), 10)));
        assertEquals(List.of("ep-3", "ep-2"), episodes(AuditTrailQueries.decisionsIn(decisions,
                new DecisionFilter(null, null, null, new Period(T0.plusMillis(10_001), null)), 10)));
    }

    private static List<String> episodes(List<AuditedDecision> decisions) {
        return decisions.stream().map(AuditedDecision::episodeId).toList();
    }

    private static List<Long> positions(List<ChainLink> links) {
        return links.stream().map(ChainLink::position).toList();
    }

    private List<String> trailKeys() {
        KeyValueStore<String, ChainLink> trail = driver.getKeyValueStore(AuditTopology.TRAIL_STORE);
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ChainLink> all = trail.all()) {
            all.forEachRemaining((KeyValue<String, ChainLink> entry) -> keys.add(entry.key));
        }
        return keys;
    }

    private <V> void send(Topic<V> topic, String key, V value, Instant timestamp) {
        driver.createInputTopic(topic.name(), RegistrySerdes.keySerde().serializer(),
                serdes.valueSerde(topic).serializer()).pipeInput(key, value, timestamp);
    }

    private static EpisodeEvent requested(String episodeId) {
        return EpisodeEvent.newBuilder().setEventId("evt-" + episodeId).setEpisodeId(episodeId).setSequence(1)
                .setType(EpisodeEventType.REQUESTED).setTime(T0).setSource("request")
                .setPayload(EpisodeRequested.newBuilder().setTask("drop the cache").setRequestedBy("alice").build())
                .build();
    }

    private static ApprovalDecision decision(String episodeId) {
        return decision(episodeId, "bob", T0);
    }

    private static ApprovalDecision decision(String episodeId, String approver, Instant decidedAt) {
        return ApprovalDecision.newBuilder().setDecisionId("d-" + episodeId).setEpisodeId(episodeId)
                .setOutcome(DecisionKind.APPROVE).setApprover(approver).setChannel(DecisionChannel.API)
                .setDecidedAt(decidedAt).build();
    }

    private static EpisodeCommand resume(String episodeId) {
        return EpisodeCommand.newBuilder().setCommandId("cmd-" + episodeId).setEpisodeId(episodeId)
                .setType(CommandType.RESUME).setIssuedAt(T0).setIssuedBy("approval-service")
                .setApprovers(List.of("bob")).build();
    }
}
