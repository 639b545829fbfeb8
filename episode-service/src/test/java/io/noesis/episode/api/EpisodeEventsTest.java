package io.noesis.episode.api;

import static io.noesis.episode.EpisodeFixtures.safeEvaluation;
import static io.noesis.episode.api.EpisodeApi.PROBLEM;
import static io.noesis.episode.api.EpisodeApi.awaitStatus;
import static io.noesis.episode.api.EpisodeApi.post;
import static io.noesis.episode.api.EpisodeApi.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.noesis.schemas.Topics;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class EpisodeEventsTest {

    private static final List<String> SAFE_RUN = List.of("REQUESTED", "EVALUATING", "INTUITION", "STARTED", "STEP", "COMPLETED");

    @TestHTTPResource("/episodes")
    URI episodes;

    @Test
    void pagesThroughTheLogFromASequenceNumber() {
        String episodeId = completedEpisode();

        JsonPath firstPage = page(episodeId, Map.of("limit", 4));
        assertThat(firstPage.getList("events.sequence", Long.class)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(firstPage.getLong("next_from_sequence")).isEqualTo(5L);

        JsonPath lastPage = page(episodeId, Map.of("from_sequence", 5, "limit", 4));
        assertThat(lastPage.getList("events.type")).containsExactly("STEP", "COMPLETED");
        assertThat(lastPage.getString("next_from_sequence")).isNull();
    }

    @Test
    void refusesABadSequenceOrLimit() {
        for (String bad : List.of("0", "-1", "first")) {
            given().auth().oauth2(token("auditor")).queryParam("from_sequence", bad).get("/episodes/any/events")
                    .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("from_sequence"));
        }
        given().auth().oauth2(token("auditor")).queryParam("limit", 0).get("/episodes/any/events")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("limit"));
    }

    @Test
    void streamsTheLogLiveUntilTheEpisodeEnds() throws Exception {
        String episodeId = post(Map.of("task", "restart the web tier"));
        awaitStatus(episodeId, "EVALUATING");
        CompletableFuture<HttpResponse<Stream<String>>> stream = openStream(episodeId, 1);
        // Several poll intervals with nothing new: the stream must keep waiting, not end or fail.
        Thread.sleep(1000);

        TopicClient.send(Topics.POLICY_EVALUATIONS, episodeId, safeEvaluation(episodeId));

        HttpResponse<Stream<String>> response = stream.get(60, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<JsonPath> sent = dataOf(response);
        assertThat(sent).extracting(event -> event.getString("type")).containsExactlyElementsOf(SAFE_RUN);
        assertThat(sent).extracting(event -> event.getLong("sequence")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(sent.get(0).getString("payload.task")).isEqualTo("restart the web tier");
    }

    @Test
    void streamsFromAGivenSequenceNumber() throws Exception {
        String episodeId = completedEpisode();

        List<JsonPath> sent = dataOf(openStream(episodeId, 5).get(60, TimeUnit.SECONDS));

        assertThat(sent).extracting(event -> event.getString("type")).containsExactly("STEP", "COMPLETED");
    }

    @Test
    void aStreamOfAnUnknownEpisodeIsNotFound() {
        given().auth().oauth2(token("auditor")).get("/episodes/no-such-episode/events/stream")
                .then().statusCode(404).contentType(PROBLEM);
        given().get("/episodes/no-such-episode/events/stream").then().statusCode(401);
    }

    private static String completedEpisode() {
        String episodeId = post(Map.of("task", "restart the web tier"));
        awaitStatus(episodeId, "EVALUATING");
        TopicClient.send(Topics.POLICY_EVALUATIONS, episodeId, safeEvaluation(episodeId));
        awaitStatus(episodeId, "COMPLETED");
        return episodeId;
    }

    private static JsonPath page(String episodeId, Map<String, ?> parameters) {
        return given().auth().oauth2(token("auditor")).queryParams(parameters).get("/episodes/" + episodeId + "/events")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The answer arrives with its headers; its lines, once the stream ends. */
    private CompletableFuture<HttpResponse<Stream<String>>> openStream(String episodeId, long fromSequence) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(episodes + "/" + episodeId + "/events/stream?from_sequence="
                + fromSequence))
                .header("Authorization", "Bearer " + token("auditor"))
                .header("Accept", "text/event-stream")
                .build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    }

    private static List<JsonPath> dataOf(HttpResponse<Stream<String>> response) {
        return response.body().filter(line -> line.startsWith("data:"))
                .map(line -> new JsonPath(line.substring("data:".length()).strip()))
                .toList();
    }
}
