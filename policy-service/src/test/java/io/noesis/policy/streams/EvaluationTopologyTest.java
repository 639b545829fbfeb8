package io.noesis.policy.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.policy.domain.ApprovalTerms;
import io.noesis.policy.domain.HighRiskKeywords;
import io.noesis.policy.domain.PolicyEngine;
import io.noesis.policy.domain.ProductionEnvironment;
import io.noesis.schemas.ActionProposed;
import io.noesis.schemas.EpisodeCompleted;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeRequested;
import io.noesis.schemas.EvaluationStarted;
import io.noesis.schemas.EvaluationSubject;
import io.noesis.schemas.Intervention;
import io.noesis.schemas.InterventionTarget;
import io.noesis.schemas.PolicyEvaluation;
import io.noesis.schemas.ProposedAction;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import io.noesis.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTopologyTest {

    private static final Instant REQUESTED_AT = Instant.parse("2026-03-01T10:15:30.123Z");

    private final AtomicReference<PolicyEngine> engine = new AtomicReference<>();
    /** The test's own state directory, not Kafka Streams' default under /tmp, which outlives the build. */
    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, EpisodeEvent> events;
    private TestOutputTopic<String, PolicyEvaluation> evaluations;

    @BeforeEach
    void startTopology() {
        RegistrySerdes serdes = TestRegistry.shared().serdes();
        engine.set(new PolicyEngine("rules-7", List.of(
                new HighRiskKeywords(HighRiskKeywords.DEFAULT_KEYWORDS, ApprovalTerms.ANY_SINGLE_APPROVER),
                new ProductionEnvironment(ProductionEnvironment.DEFAULT_ENVIRONMENTS, new ApprovalTerms(2, "sre", 600L)))));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "policy-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(EvaluationTopology.build(engine::get, serdes), config);
        events = driver.createInputTopic(Topics.EPISODE_EVENTS.name(), RegistrySerdes.keySerde().serializer(),
                serdes.valueSerde(Topics.EPISODE_EVENTS).serializer());
        evaluations = driver.createOutputTopic(Topics.POLICY_EVALUATIONS.name(), RegistrySerdes.keySerde().deserializer(),
                serdes.valueSerde(Topics.POLICY_EVALUATIONS).deserializer());
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    @Test
    void evaluatesARequestedEpisode() {
        events.pipeInput("ep-1", requested("ep-1", "evt-1", "drop the sessions table", null, "prod"));

        TestRecord<String, PolicyEvaluation> record = evaluations.readRecord();
        PolicyEvaluation evaluation = record.value();
        assertEquals("ep-1", record.key());
        assertEquals("eval-evt-1", evaluation.getEvaluationId());
        assertEquals("ep-1", evaluation.getEpisodeId());
        assertEquals(EvaluationSubject.REQUEST, evaluation.getSubject());
        assertTrue(evaluation.getRequiresApproval());
        assertEquals(0.8, evaluation.getRiskScore());
        assertEquals(2, evaluation.getRequiredApprovals());
        assertEquals("sre", evaluation.getApproverGroup());
        assertEquals(600L, evaluation.getApprovalTimeoutSeconds());
        assertEquals("rules-7", evaluation.getRuleSetVersion());
        assertEquals(REQUESTED_AT, evaluation.getEvaluatedAt());
        Intervention keywords = evaluation.getInterventions().get(0);
        assertEquals("high_risk_keywords", keywords.getPolicy());
        assertEquals("1", keywords.getPolicyVersion());
        assertEquals(InterventionTarget.PLAN, keywords.getTarget());
        assertEquals("high-risk keyword(s) in the task: drop", keywords.getPatch().getRiskReason());
        assertEquals("production_environment", evaluation.getInterventions().get(1).getPolicy());
        assertTrue(evaluations.isEmpty());
    }

    @Test
    void aReplayedRequestYieldsTheSameEvaluation() {
        EpisodeEvent event = requested("ep-2", "evt-2", "deploy the api", null, null);
        events.pipeInput("ep-2", event);
        events.pipeInput("ep-2", event);

        List<PolicyEvaluation> both = evaluations.readValuesToList();
        assertEquals(2, both.size());
        assertEquals(both.get(0), both.get(1));
    }

    @Test
    void honoursTheRequestsPolicySelection() {
        events.pipeInput("ep-3", requested("ep-3", "evt-3", "drop everything in prod", false, null));
        events.pipeInput("ep-4", requested("ep-4", "evt-4", "drop everything in prod", List.of("production_environment"), null));
        events.pipeInput("ep-5", requested("ep-5", "evt-5", "read the docs", List.of("mystery"), null));

        PolicyEvaluation none = evaluations.readValue();
        assertFalse(none.getRequiresApproval());
        assertEquals(0.0, none.getRiskScore());
        assertEquals(List.of(), none.getInterventions());
        assertNull(none.getApproverGroup());
        assertEquals(List.of("production_environment"),
                evaluations.readValue().getInterventions().stream().map(Intervention::getPolicy).toList());
        PolicyEvaluation unknown = evaluations.readValue();
        assertTrue(unknown.getRequiresApproval());
        assertEquals("unknown policy selected: mystery", unknown.getInterventions().get(0).getPatch().getRiskReason());
    }

    @Test
    void ignoresEverythingButRequests() {
        EpisodeEvent evaluating = EpisodeEvent.newBuilder()
                .setEventId("evt-6").setEpisodeId("ep-6").setSequence(2).setType(EpisodeEventType.EVALUATING)
                .setTime(REQUESTED_AT).setSource("request req-6")
                .setPayload(new EvaluationStarted(EvaluationSubject.REQUEST, null))
                .build();

        events.pipeInput("ep-6", evaluating);

        assertTrue(evaluations.isEmpty());
    }

    @Test
    void evaluatesAProposedActionInTheLightOfItsRequest() {
        events.pipeInput("ep-7", requested("ep-7", "evt-7", "tidy the staging caches", null, "staging"));
        events.pipeInput("ep-7", proposed("ep-7", "evt-8", "act-1", "redis-cli FLUSHALL", "then drop the old keys"));

        assertFalse(evaluations.readValue().getRequiresApproval());
        PolicyEvaluation action = evaluations.readValue();
        assertEquals("eval-evt-8", action.getEvaluationId());
        assertEquals(EvaluationSubject.ACTION, action.getSubject());
        assertEquals(new ProposedAction("act-1", "redis-cli FLUSHALL", "then drop the old keys"), action.getAction());
        assertTrue(action.getRequiresApproval());
        assertEquals("rules-7", action.getRuleSetVersion());
        Intervention keywords = action.getInterventions().get(0);
        assertEquals(InterventionTarget.ACTION, keywords.getTarget());
        assertEquals("high-risk keyword(s) in the action: drop", keywords.getPatch().getRiskReason());
    }

    @Test
    void anActionIsJudgedWithTheRequestsEnvironmentAndSelection() {
        events.pipeInput("ep-8", requested("ep-8", "evt-9", "watch the queue", List.of("production_environment"), "prod"));
        events.pipeInput("ep-8", proposed("ep-8", "evt-10", "act-1", "delete the dead letters", null));
        events.pipeInput("ep-9", requested("ep-9", "evt-11", "watch the queue", false, "prod"));
        events.pipeInput("ep-9", proposed("ep-9", "evt-12", "act-1", "delete the dead letters", null));

        evaluations.readValue();
        PolicyEvaluation selected = evaluations.readValue();
        assertEquals(List.of("production_environment"), policies(selected));
        assertEquals("production environment: environment is 'prod'",
                selected.getInterventions().get(0).getPatch().getRiskReason());
        assertEquals(2, selected.getRequiredApprovals());
        evaluations.readValue();
        assertFalse(evaluations.readValue().getRequiresApproval(), "the request chose no policies");
    }

    @Test
    void anActionWithoutAKnownRequestFailsClosed() {
        events.pipeInput("ep-10", proposed("ep-10", "evt-13", "act-1", "ls /tmp", null));

        PolicyEvaluation orphan = evaluations.readValue();
        assertEquals(EvaluationSubject.ACTION, orphan.getSubject());
        assertTrue(orphan.getRequiresApproval());
        assertEquals(1.0, orphan.getRiskScore());
        assertEquals(List.of("request_context"), policies(orphan));
        assertTrue(orphan.getInterventions().get(0).getPatch().getRiskReason().startsWith("no request is known"));
    }

    @Test
    void forgetsTheRequestOnceTheEpisodeIsOver() {
        events.pipeInput("ep-11", requested("ep-11", "evt-14", "tidy the caches", null, null));
        events.pipeInput("ep-11", event("ep-11", "evt-15", EpisodeEventType.COMPLETED,
                new EpisodeCompleted("rep-1", "agent", "done")));
        events.pipeInput("ep-11", proposed("ep-11", "evt-16", "act-9", "ls", null));

        evaluations.readValue();
        assertEquals(List.of("request_context"), policies(evaluations.readValue()));
    }

    @Test
    void usesTheRulesInForceWhenTheEventIsRead() {
        events.pipeInput("ep-12", requested("ep-12", "evt-17", "drop it", null, null));
        engine.set(new PolicyEngine("rules-8", List.of()));
        events.pipeInput("ep-12", proposed("ep-12", "evt-18", "act-1", "drop it", null));

        assertEquals("rules-7", evaluations.readValue().getRuleSetVersion());
        PolicyEvaluation later = evaluations.readValue();
        assertEquals("rules-8", later.getRuleSetVersion());
        assertFalse(later.getRequiresApproval());
    }

    private static List<String> policies(PolicyEvaluation evaluation) {
        return evaluation.getInterventions().stream().map(Intervention::getPolicy).toList();
    }

    private static EpisodeEvent proposed(String episodeId, String eventId, String actionId, String action,
            String description) {
        return event(episodeId, eventId, EpisodeEventType.ACTION_PROPOSED,
                new ActionProposed("rep-" + eventId, "agent", new ProposedAction(actionId, action, description)));
    }

    private static EpisodeEvent event(String episodeId, String eventId, EpisodeEventType type, Object payload) {
        return EpisodeEvent.newBuilder()
                .setEventId(eventId).setEpisodeId(episodeId).setSequence(5).setType(type)
                .setTime(REQUESTED_AT).setSource("report " + eventId).setPayload(payload)
                .build();
    }

    private static EpisodeEvent requested(String episodeId, String eventId, String task, Object intuition,
            String environment) {
        EpisodeRequested payload = EpisodeRequested.newBuilder()
                .setTask(task).setIntuition(intuition).setTags(Map.of("team", "data"))
                .setEnvironment(environment).setRequestedBy("alice")
                .build();
        return EpisodeEvent.newBuilder()
                .setEventId(eventId).setEpisodeId(episodeId).setSequence(1).setType(EpisodeEventType.REQUESTED)
                .setTime(REQUESTED_AT).setSource("request " + episodeId).setPayload(payload)
                .build();
    }
}
