package io.noesis.episode.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.noesis.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The episode API as the tests call it: alice requests, an auditor reads, and the flow is awaited by polling. */
final class EpisodeApi {

    static final Duration FLOW_TIMEOUT = Duration.ofSeconds(60);
    static final String PROBLEM = "application/problem+json";
    static final String REQUESTER = "alice";

    static String post(Map<String, ?> body) {
        Response response = given().auth().oauth2(token("requester")).contentType(ContentType.JSON).body(body)
                .post("/episodes");
        response.then().statusCode(202).body("status", equalTo("REQUESTED"));
        String episodeId = response.jsonPath().getString("episode_id");
        assertThat(response.jsonPath().getString("summary")).isEqualTo("/episodes/" + episodeId + "/summary");
        assertThat(response.jsonPath().getString("events")).isEqualTo("/episodes/" + episodeId + "/events");
        assertThat(response.header("Location")).endsWith("/episodes/" + episodeId + "/summary");
        return episodeId;
    }

    static Response summary(String episodeId) {
        return given().auth().oauth2(token("auditor")).get("/episodes/" + episodeId + "/summary");
    }

    static JsonPath events(String episodeId) {
        return given().auth().oauth2(token("auditor")).get("/episodes/" + episodeId + "/events")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The flow is asynchronous: poll the summary until the episode reaches the status. */
    static JsonPath awaitStatus(String episodeId, String status) {
        return awaitSummary(episodeId, summary -> status.equals(summary.getString("status")), "reach " + status);
    }

    /** Polls the summary until it shows what the condition looks for. */
    static JsonPath awaitSummary(String episodeId, Predicate<JsonPath> condition, String description) {
        Instant giveUp = Instant.now().plus(FLOW_TIMEOUT);
        String last = null;
        while (Instant.now().isBefore(giveUp)) {
            Response response = summary(episodeId);
            if (response.statusCode() == 200) {
                last = response.asString();
                if (condition.test(response.jsonPath())) {
                    return response.jsonPath();
                }
            }
            sleep();
        }
        throw new AssertionError("episode " + episodeId + " did not " + description + " (last seen: " + last + ")");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String token(String... roles) {
        return TestTokens.mint(REQUESTER, Set.of(roles), Set.of());
    }

    private EpisodeApi() {
    }
}
