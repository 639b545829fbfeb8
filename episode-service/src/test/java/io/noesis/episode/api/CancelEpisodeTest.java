package io.noesis.episode.api;

import static io.noesis.episode.EpisodeFixtures.riskyEvaluation;
import static io.noesis.episode.api.EpisodeApi.PROBLEM;
import static io.noesis.episode.api.EpisodeApi.awaitStatus;
import static io.noesis.episode.api.EpisodeApi.events;
import static io.noesis.episode.api.EpisodeApi.post;
import static io.noesis.episode.api.EpisodeApi.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.noesis.schemas.Topics;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TestTokens;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class CancelEpisodeTest {

    @Test
    void theRequesterCancelsAPendingEpisodeAndTheAgentsAreTold() {
        String episodeId = post(Map.of("task", "rotate the logs"));
        awaitStatus(episodeId, "EVALUATING");

        given().auth().oauth2(token("requester")).contentType(ContentType.JSON).body(Map.of("reason", "wrong ticket"))
                .post("/episodes/" + episodeId + "/cancel")
                .then().statusCode(202).body("episode_id", equalTo(episodeId))
                .body("command_id", equalTo(episodeId + "-cancel"));

        JsonPath cancelled = awaitStatus(episodeId, "CANCELLED");
        assertThat(cancelled.getString("task")).isEqualTo("rotate the logs");
        JsonPath log = events(episodeId);
        assertThat(log.getList("events.type")).containsExactly("REQUESTED", "EVALUATING", "CANCELLED");
        assertThat(log.getString("events[2].payload.cancelled_by")).isEqualTo("alice");
        assertThat(log.getString("events[2].payload.reason")).isEqualTo("wrong ticket");
        // The CANCELLED event is applied from the CANCEL command on the command topic, which the agents read too.
        assertThat(log.getString("events[2].source")).isEqualTo("command:" + episodeId + "-cancel");
    }

    @Test
    void anAdminCancelsAnEpisodeAwaitingApprovalWithoutABody() {
        String episodeId = post(Map.of("task", "drop the orders table"));
        awaitStatus(episodeId, "EVALUATING");
        TopicClient.send(Topics.POLICY_EVALUATIONS, episodeId, riskyEvaluation(episodeId));
        awaitStatus(episodeId, "AWAITING_APPROVAL");

        given().auth().oauth2(TestTokens.mint("root", Set.of("admin"), Set.of()))
                .post("/episodes/" + episodeId + "/cancel").then().statusCode(202);

        awaitStatus(episodeId, "CANCELLED");
        assertThat(events(episodeId).getString("events[-1].payload.cancelled_by")).isEqualTo("root");
    }

    @Test
    void anotherRequesterMayNotCancel() {
        String episodeId = post(Map.of("task", "rotate the logs"));
        awaitStatus(episodeId, "EVALUATING");

        given().auth().oauth2(TestTokens.mint("mallory", Set.of("requester"), Set.of()))
                .post("/episodes/" + episodeId + "/cancel")
                .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));

        assertThat(events(episodeId).getList("events.type")).doesNotContain("CANCELLED");
    }

    @Test
    void anEndedEpisodeCannotBeCancelled() {
        String episodeId = post(Map.of("task", "rotate the logs"));
        awaitStatus(episodeId, "EVALUATING");
        given().auth().oauth2(token("requester")).post("/episodes/" + episodeId + "/cancel").then().statusCode(202);
        awaitStatus(episodeId, "CANCELLED");

        given().auth().oauth2(token("requester")).post("/episodes/" + episodeId + "/cancel")
                .then().statusCode(409).contentType(PROBLEM).body("status", equalTo(409));
    }

    @Test
    void cancellingAnUnknownEpisodeIsNotFoundAndABadBodyIsABadRequest() {
        given().auth().oauth2(token("requester")).post("/episodes/no-such-episode/cancel")
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(token("requester")).contentType(ContentType.JSON).body(Map.of("reason", "x".repeat(1001)))
                .post("/episodes/no-such-episode/cancel")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("reason"));
        given().auth().oauth2(token("requester")).contentType(ContentType.JSON).body(Map.of("why", "x"))
                .post("/episodes/no-such-episode/cancel")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("why"));
        given().post("/episodes/no-such-episode/cancel").then().statusCode(401);
    }
}
