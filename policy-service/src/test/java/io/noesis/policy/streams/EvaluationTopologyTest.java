package io.noesis.policy.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.policy.domain.ApprovalTerms;
import io.noesis.policy.domain.HighRiskKeywords;
import io.noesis.policy.domain.PolicyEngine;
import io.noesis.policy.domain.ProductionEnvironment;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeRequested;
import io.noesis.schemas.EvaluationStarted;
import io.noesis.schemas.EvaluationSubject;
import io.noesis.schemas.Intervention;
import io.noesis.schemas.InterventionTarget;
import io.noesis.schemas.PolicyEvaluation;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import io.noesis.testing.TestRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EvaluationTopologyTest {

    private static final Instant REQUESTED_AT = Instant.parse("2026-03-01T10:15:30.123Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, EpisodeEvent> events;
    private TestOutputTopic<String, PolicyEvaluation> evaluations;

    @BeforeEach
    void startTopology() {
        RegistrySerdes serdes = TestRegistry.shared().serdes();
        PolicyEngine engine = new PolicyEngine(List.of(
                new HighRiskKeywords(HighRiskKeywords.DEFAULT_KEYWORDS, ApprovalTerms.ANY_SINGLE_APPROVER),
                new ProductionEnvironment(ProductionEnvironment.DEFAULT_ENVIRONMENTS, new ApprovalTerms(2, "sre", 600L))));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "policy-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(EvaluationTopology.build(engine, serdes), config);
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
        assertEquals("builtin-1", evaluation.getRuleSetVersion());
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
