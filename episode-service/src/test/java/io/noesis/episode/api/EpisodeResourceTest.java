package io.noesis.episode.api;

import static io.noesis.episode.EpisodeFixtures.command;
import static io.noesis.episode.EpisodeFixtures.riskyEvaluation;
import static io.noesis.episode.EpisodeFixtures.safeEvaluation;
import static io.noesis.episode.api.EpisodeApi.FLOW_TIMEOUT;
import static io.noesis.episode.api.EpisodeApi.PROBLEM;
import static io.noesis.episode.api.EpisodeApi.awaitStatus;
import static io.noesis.episode.api.EpisodeApi.events;
import static io.noesis.episode.api.EpisodeApi.post;
import static io.noesis.episode.api.EpisodeApi.summary;
import static io.noesis.episode.api.EpisodeApi.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.Topics;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TestTokens;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class EpisodeResourceTest {

    @Test
    void aSafeEpisodeRunsToCompletionThroughTheReferenceAgent() {
        String episodeId = post(Map.of("task", "restart the web tier", "tags", Map.of("team", "sre"),
                "environment", "staging", "intuition", List.of("keyword")));
        awaitStatus(episodeId, "EVALUATING");

        TopicClient.send(Topics.POLICY_EVALUATIONS, episodeId, safeEvaluation(episodeId));

        JsonPath summary = awaitStatus(episodeId, "COMPLETED");
        assertThat(summary.getString("task")).isEqualTo("restart the web tier");
        assertThat(summary.getString("requested_by")).isEqualTo("alice");
        assertThat(summary.getString("environment")).isEqualTo("staging");
        assertThat(summary.getMap("tags")).isEqualTo(Map.of("team", "sre"));
        assertThat(summary.getBoolean("flags.requires_approval")).isFalse();
        assertThat(summary.getList("interventions.policy")).containsExactly("keyword");
        JsonPath log = events(episodeId);
        assertThat(log.getString("episode_id")).isEqualTo(episodeId);
        assertThat(log.getList("events.type")).containsExactly("REQUESTED", "EVALUATING", "INTUITION", "STARTED", "STEP",
                "COMPLETED");
        assertThat(log.getList("events.sequence", Long.class)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(log.getString("events[0].payload.task")).isEqualTo("restart the web tier");
        assertThat(log.getBoolean("events[2].payload.requires_approval")).isFalse();
        assertThat(log.getString("events[2].payload.intervention.policy")).isEqualTo("keyword");
        assertThat(log.getString("events[4].payload.agent")).isEqualTo("reference-agent");
        assertThat(log.getString("events[4].payload.message")).isEqualTo("restart the web tier");
    }

    @Test
    void aRiskyEpisodeWaitsForApprovalAndCompletesWhenResumed() {
        String episodeId = post(Map.of("task", "drop the orders table"));
        awaitStatus(episodeId, "EVALUATING");

        TopicClient.send(Topics.POLICY_EVALUATIONS, episodeId, riskyEvaluation(episodeId));

        JsonPath awaiting = awaitStatus(episodeId, "AWAITING_APPROVAL");
        assertThat(awaiting.getBoolean("flags.requires_approval")).isTrue();
        assertThat(awaiting.getString("flags.risk_reason")).isEqualTo("touches production; deletes data");
        EpisodeEvent awaited = TopicClient.await(Topics.EPISODE_EVENTS, record -> episodeId.equals(record.key())
                && record.value().getType() == EpisodeEventType.AWAITING_APPROVAL, FLOW_TIMEOUT).value();
        assertThat(awaited.getSequence()).isEqualTo(5);

        TopicClient.send(Topics.EPISODE_COMMANDS, episodeId, command(episodeId, CommandType.RESUME));

        JsonPath completed = awaitStatus(episodeId, "COMPLETED");
        assertThat(completed.getList("approvals.approvers")).containsExactly("bob", "carol");
        JsonPath log = events(episodeId);
        assertThat(log.getList("events.type")).containsExactly("REQUESTED", "EVALUATING", "INTUITION", "INTUITION",
                "AWAITING_APPROVAL", "RESUMED", "STEP", "COMPLETED");
        assertThat(log.getBoolean("events[2].payload.requires_approval")).isTrue();
        assertThat(log.getString("events[2].payload.risk_reason")).isEqualTo("touches production");
        assertThat(log.getString("events[6].payload.message")).as("the approved plan runs without proposing its step again")
                .isEqualTo("drop the orders table");
    }

    @Test
    void aClientChosenIdIsKeptAndARepeatIsHarmless() {
        String episodeId = "client-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("task", "rotate the logs", "episode_id", episodeId);

        assertThat(post(body)).isEqualTo(episodeId);
        assertThat(post(Map.of("task", "something else", "episode_id", episodeId))).isEqualTo(episodeId);

        awaitStatus(episodeId, "EVALUATING");
        assertThat(events(episodeId).getList("events.type")).containsExactly("REQUESTED", "EVALUATING");
        assertThat(summary(episodeId).jsonPath().getString("task")).isEqualTo("rotate the logs");
    }

    @Test
    void listsEpisodesNewestFirst() {
        String older = post(Map.of("task", "first"));
        awaitStatus(older, "EVALUATING");
        String newer = post(Map.of("task", "second"));
        awaitStatus(newer, "EVALUATING");

        JsonPath list = given().auth().oauth2(token("auditor")).queryParam("limit", 2).get("/episodes")
                .then().statusCode(200).extract().jsonPath();

        assertThat(list.getList("episodes.episode_id")).containsExactly(newer, older);
    }

    @Test
    void refusesALimitOutsideItsRange() {
        for (String limit : List.of("0", "501", "many")) {
            given().auth().oauth2(token("auditor")).queryParam("limit", limit).get("/episodes")
                    .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("limit"));
        }
    }

    @Test
    void requiresAToken() {
        given().contentType(ContentType.JSON).body(Map.of("task", "t")).post("/episodes").then().statusCode(401)
                .contentType(PROBLEM).header("WWW-Authenticate", "Bearer");
        given().get("/episodes/any/summary").then().statusCode(401);
        given().get("/episodes/any/events").then().statusCode(401);
        given().get("/episodes").then().statusCode(401);
    }

    @Test
    void onlyRequestersAndAdminsMayRequest() {
        given().auth().oauth2(token("approver", "auditor")).contentType(ContentType.JSON).body(Map.of("task", "t"))
                .post("/episodes").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body(Map.of("task", "t"))
                .post("/episodes").then().statusCode(202);
    }

    @Test
    void aMissingTaskIsABadRequestNamingTheField() {
        badRequest(Map.of("tags", Map.of("team", "sre")), "task");
        badRequest(Map.of("task", "   "), "task");
    }

    @Test
    void anUnknownFieldIsABadRequestNamingTheField() {
        badRequest(Map.of("task", "t", "requested_by", "mallory"), "requested_by");
    }

    @Test
    void aWrongTypeIsABadRequestNamingTheField() {
        badRequest(Map.of("task", 42), "task");
        badRequest(Map.of("task", "t", "tags", List.of("a")), "tags");
        badRequest(Map.of("task", "t", "intuition", "yes"), "intuition");
        badRequest(Map.of("task", "t", "intuition", List.of(1, 2)), "intuition");
    }

    @Test
    void tooManyTagsIsABadRequestNamingTheField() {
        Map<String, String> tags = IntStream.range(0, 51).boxed().collect(Collectors.toMap(i -> "tag" + i, i -> "v"));
        badRequest(Map.of("task", "t", "tags", tags), "tags");
    }

    @Test
    void malformedJsonIsABadRequest() {
        given().auth().oauth2(token("requester")).contentType(ContentType.JSON).body("{\"task\": \"t\",")
                .post("/episodes").then().statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400)).body("title", equalTo("Invalid request")).body("field", nullValue());
        given().auth().oauth2(token("requester")).contentType(ContentType.JSON).body("")
                .post("/episodes").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void anUnknownEpisodeIsNotFound() {
        given().auth().oauth2(token("auditor")).get("/episodes/no-such-episode/summary")
                .then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
        given().auth().oauth2(token("auditor")).get("/episodes/no-such-episode/events")
                .then().statusCode(404).contentType(PROBLEM);
    }

    private static void badRequest(Map<String, ?> body, String field) {
        given().auth().oauth2(token("requester")).contentType(ContentType.JSON).body(body).post("/episodes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("field", equalTo(field));
    }
}
