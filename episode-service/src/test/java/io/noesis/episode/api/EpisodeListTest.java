package io.noesis.episode.api;

import static io.noesis.episode.EpisodeFixtures.riskyEvaluation;
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
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three episodes of one run, told apart from every other test's episodes by a tag of their own. */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class EpisodeListTest {

    private String run;
    private String first;
    private String second;
    private String third;

    @BeforeEach
    void requestThreeEpisodes() {
        run = "run:" + UUID.randomUUID();
        first = post(Map.of("task", "first", "tags", Map.of("run", run.substring(4))));
        awaitStatus(first, "EVALUATING");
        second = post(Map.of("task", "second", "tags", Map.of("run", run.substring(4)), "parent_episode_id", first));
        awaitStatus(second, "EVALUATING");
        third = post(Map.of("task", "third", "tags", Map.of("run", run.substring(4))));
        TopicClient.send(Topics.POLICY_EVALUATIONS, third, riskyEvaluation(third));
        awaitStatus(third, "AWAITING_APPROVAL");
    }

    @Test
    void pagesThroughTheTaggedEpisodesNewestFirstWithTheCursor() {
        JsonPath firstPage = list(Map.of("tag", run, "limit", 2));
        assertThat(firstPage.getList("episodes.episode_id")).containsExactly(third, second);
        String cursor = firstPage.getString("next_cursor");
        assertThat(cursor).isNotBlank();

        JsonPath lastPage = list(Map.of("tag", run, "limit", 2, "cursor", cursor));
        assertThat(lastPage.getList("episodes.episode_id")).containsExactly(first);
        assertThat(lastPage.getString("next_cursor")).isNull();
    }

    @Test
    void filtersOnStatusAndParent() {
        assertThat(ids(Map.of("tag", run, "status", "AWAITING_APPROVAL"))).containsExactly(third);
        assertThat(ids(Map.of("tag", run, "status", "EVALUATING"))).containsExactly(second, first);
        assertThat(ids(Map.of("parent_episode_id", first))).containsExactly(second);
    }

    @Test
    void filtersOnTheCreationTimeWindow() {
        String firstCreated = summaryOf(first).getString("created_at");
        String thirdCreated = summaryOf(third).getString("created_at");

        assertThat(ids(Map.of("tag", run, "created_after", firstCreated))).containsExactly(third, second);
        assertThat(ids(Map.of("tag", run, "created_before", thirdCreated))).containsExactly(second, first);
        assertThat(ids(Map.of("tag", run, "created_after", firstCreated, "created_before", thirdCreated)))
                .containsExactly(second);
    }

    @Test
    void refusesParametersItCannotRead() {
        badParameter("status", "SLEEPING");
        badParameter("tag", "no-colon");
        badParameter("created_after", "yesterday");
        badParameter("created_before", "2026-13-01");
        badParameter("cursor", "not-a-cursor");
        badParameter("parent_episode_id", "bad id");
    }

    private static JsonPath list(Map<String, ?> parameters) {
        return given().auth().oauth2(token("auditor")).queryParams(parameters).get("/episodes")
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<String> ids(Map<String, ?> parameters) {
        return list(parameters).getList("episodes.episode_id");
    }

    private static JsonPath summaryOf(String episodeId) {
        return EpisodeApi.summary(episodeId).then().statusCode(200).extract().jsonPath();
    }

    private static void badParameter(String name, String value) {
        given().auth().oauth2(token("auditor")).queryParam(name, value).get("/episodes")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo(name));
    }
}
