package io.noesis.policy.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.schemas.ActionProposed;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeRequested;
import io.noesis.schemas.EvaluationSubject;
import io.noesis.schemas.InterventionTarget;
import io.noesis.schemas.PolicyEvaluation;
import io.noesis.schemas.ProposedAction;
import io.noesis.schemas.Topics;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TestTokens;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class PolicyServiceTest {

    private static String token() {
        return TestTokens.mint("rita", Set.of("requester"), Set.of());
    }

    @Test
    void evaluatesARequestedEpisodeFromTheEventLog() {
        String episodeId = "ep-" + UUID.randomUUID();
        Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EpisodeEvent requested = EpisodeEvent.newBuilder()
                .setEventId("evt-" + episodeId).setEpisodeId(episodeId).setSequence(1)
                .setType(EpisodeEventType.REQUESTED).setTime(time).setSource("request " + episodeId)
                .setPayload(EpisodeRequested.newBuilder().setTask("rollback the payments service")
                        .setTags(Map.of("env", "production")).setRequestedBy("rita").build())
                .build();

        TopicClient.send(Topics.EPISODE_EVENTS, episodeId, requested);

        ConsumerRecord<String, PolicyEvaluation> record = TopicClient.await(Topics.POLICY_EVALUATIONS,
                candidate -> episodeId.equals(candidate.key()), Duration.ofSeconds(60));
        PolicyEvaluation evaluation = record.value();
        assertEquals("eval-evt-" + episodeId, evaluation.getEvaluationId());
        assertTrue(evaluation.getRequiresApproval());
        assertEquals(0.8, evaluation.getRiskScore());
        assertEquals(time, evaluation.getEvaluatedAt());
        assertEquals(2, evaluation.getInterventions().size());
    }

    @Test
    void listsThePolicies() {
        given().auth().oauth2(token())
                .when().get("/policies")
                .then().statusCode(200)
                .body("rule_set_version", equalTo("default-1"))
                .body("policies.name", contains("high_risk_keywords", "production_environment"))
                .body("policies.version", contains("1", "1"))
                .body("rules_source", equalTo("classpath:noesis-policies.yaml"))
                .body("loaded_at", notNullValue())
                .body("last_load_error", equalTo(null))
                .body("policies[0].description", containsString("destructive"));
    }

    @Test
    void dryRunsAnEvaluation() {
        given().auth().oauth2(token()).contentType(ContentType.JSON)
                .body("""
                        {"task": "Truncate the logs", "tags": {"env": "prod"}, "environment": null,
                         "intuition": ["high_risk_keywords"]}""")
                .when().post("/policies/evaluate")
                .then().statusCode(200)
                .body("requires_approval", equalTo(true))
                .body("risk_score", equalTo(0.8f))
                .body("required_approvals", equalTo(1))
                .body("rule_set_version", equalTo("default-1"))
                .body("interventions", hasSize(1))
                .body("interventions[0].policy", equalTo("high_risk_keywords"))
                .body("interventions[0].policy_version", equalTo("1"))
                .body("interventions[0].target", equalTo("PLAN"))
                .body("interventions[0].patch.risk_reason", equalTo("high-risk keyword(s) in the task: truncate"));
    }

    @Test
    void aDryRunNamingAnUnknownPolicyIsRefusedNamingIt() {
        given().auth().oauth2(token()).contentType(ContentType.JSON)
                .body("""
                        {"task": "Truncate the logs", "intuition": ["high_risk_keywords", "missing_policy"]}""")
                .when().post("/policies/evaluate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("intuition"))
                .body("detail", containsString("missing_policy"))
                .body("detail", containsString("high_risk_keywords"));
    }

    @Test
    void dryRunsAProposedAction() {
        given().auth().oauth2(token()).contentType(ContentType.JSON)
                .body("""
                        {"task": "tidy the caches", "environment": "staging",
                         "action": {"action_id": "a-1", "action": "redis-cli FLUSHALL", "description": "drop every key"}}""")
                .when().post("/policies/evaluate")
                .then().statusCode(200)
                .body("subject", equalTo("ACTION"))
                .body("requires_approval", equalTo(true))
                .body("interventions", hasSize(1))
                .body("interventions[0].target", equalTo("ACTION"))
                .body("interventions[0].patch.risk_reason", equalTo("high-risk keyword(s) in the action: drop"));
    }

    @Test
    void evaluatesAnActionProposedMidRun() {
        String episodeId = "ep-" + UUID.randomUUID();
        Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TopicClient.send(Topics.EPISODE_EVENTS, episodeId, EpisodeEvent.newBuilder()
                .setEventId("evt-1-" + episodeId).setEpisodeId(episodeId).setSequence(1)
                .setType(EpisodeEventType.REQUESTED).setTime(time).setSource("request " + episodeId)
                .setPayload(EpisodeRequested.newBuilder().setTask("tidy the caches").setEnvironment("production")
                        .setRequestedBy("rita").build())
                .build());
        ProposedAction action = new ProposedAction("act-1", "redis-cli FLUSHALL", null);
        TopicClient.send(Topics.EPISODE_EVENTS, episodeId, EpisodeEvent.newBuilder()
                .setEventId("evt-5-" + episodeId).setEpisodeId(episodeId).setSequence(5)
                .setType(EpisodeEventType.ACTION_PROPOSED).setTime(time).setSource("report rep-1")
                .setPayload(new ActionProposed("rep-1", "agent-7", action))
                .build());

        PolicyEvaluation evaluation = TopicClient.await(Topics.POLICY_EVALUATIONS,
                candidate -> episodeId.equals(candidate.key()) && candidate.value().getSubject() == EvaluationSubject.ACTION,
                Duration.ofSeconds(60)).value();
        assertEquals("eval-evt-5-" + episodeId, evaluation.getEvaluationId());
        assertEquals(action, evaluation.getAction());
        assertTrue(evaluation.getRequiresApproval());
        assertEquals("production environment: environment is 'production'",
                evaluation.getInterventions().get(0).getPatch().getRiskReason());
        assertEquals(InterventionTarget.ACTION, evaluation.getInterventions().get(0).getTarget());
    }

    @Test
    void aHarmlessDryRunNeedsNoApproval() {
        given().auth().oauth2(token()).contentType(ContentType.JSON)
                .body("{\"task\": \"read the dropdown docs\"}")
                .when().post("/policies/evaluate")
                .then().statusCode(200)
                .body("requires_approval", equalTo(false))
                .body("subject", equalTo("REQUEST"))
                .body("risk_score", equalTo(0.0f))
                .body("interventions", hasSize(0));
    }

    @Test
    void refusesCallersWithoutAToken() {
        given().when().get("/policies").then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"task\": \"x\"}")
                .when().post("/policies/evaluate").then().statusCode(401);
        given().auth().oauth2("not.a.token").when().get("/policies").then().statusCode(401);
    }

    @Test
    void healthAndOpenApiNeedNoToken() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }

    @ParameterizedTest(name = "[{index}] {0} -> field {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            {"task": "x"                                  | NONE
            [1, 2]                                        | NONE
            {"task": 5}                                   | task
            {"task": ["a"]}                               | task
            {"task": "x", "colour": "red"}                | colour
            {}                                            | task
            {"task": "   "}                               | task
            {"task": "x", "tags": {"env": 1}}             | tags.env
            {"task": "x", "tags": {"env": null}}          | tags.env
            {"task": "x", "tags": ["env"]}                | tags
            {"task": "x", "intuition": 5}                 | intuition
            {"task": "x", "intuition": "all"}             | intuition
            {"task": "x", "intuition": ["ok", 1]}         | intuition[1]
            {"task": "x", "environment": false}           | environment
            {"task": "x"} trailing                        | NONE
            {"task": "x", "action": {}}                   | action.action
            {"task": "x", "action": {"action": "  "}}      | action.action
            {"task": "x", "action": {"action": 5}}        | action.action
            {"task": "x", "action": "drop"}               | action
            """)
    void answersBadBodiesWithAProblem(String body, String field) {
        given().auth().oauth2(token()).contentType(ContentType.JSON).body(body)
                .when().post("/policies/evaluate")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", equalTo("urn:noesis:problem:invalid-input"))
                .body("detail", notNullValue())
                .body("field", equalTo(field));
    }

    @Test
    void anEmptyBodyIsABadRequest() {
        given().auth().oauth2(token()).contentType(ContentType.JSON)
                .when().post("/policies/evaluate")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aWrongMethodIsRefusedWithAProblem() {
        given().auth().oauth2(token()).when().delete("/policies")
                .then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void aNonJsonBodyIsRefusedWithAProblem() {
        given().auth().oauth2(token()).contentType(ContentType.TEXT).body("task=x")
                .when().post("/policies/evaluate")
                .then().statusCode(415).contentType("application/problem+json");
    }
}
