package io.noesis.episode;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.noesis.testing.PackagedService;
import io.noesis.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two processes of the packaged service, one application id, two HTTP ports: each answers for every
 * episode, forwarding to the instance that owns it, and each lists the episodes of both.
 */
class TwoInstancesIT {

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
    private static final int EPISODES = 12;
    private static final String TOKEN = TestTokens.mint("alice", Set.of("requester", "auditor"), Set.of());

    private static Instance first;
    private static Instance second;

    @BeforeAll
    static void startTwoInstances() {
        first = Instance.start("episode-service-a");
        second = Instance.start("episode-service-b");
    }

    @AfterAll
    static void stopThem() {
        Stream.of(first, second).filter(instance -> instance != null).forEach(Instance::stop);
    }

    @Test
    void each_instance_answers_for_the_episodes_the_other_owns_and_lists_them_all() {
        List<String> ids = IntStream.range(0, EPISODES)
                .mapToObj(i -> (i % 2 == 0 ? first : second).post("rotate the logs of host " + i)).toList();

        // Once the group has settled, each instance owns some of the episodes and the other the rest.
        Owned owned = await("both instances own some of the episodes", () -> {
            Set<String> ofFirst = first.localIds();
            Set<String> ofSecond = second.localIds();
            boolean split = !ofFirst.isEmpty() && !ofSecond.isEmpty() && disjoint(ofFirst, ofSecond)
                    && union(ofFirst, ofSecond).containsAll(ids);
            return split ? Optional.of(new Owned(ofFirst, ofSecond)) : Optional.empty();
        });

        for (String id : ids) {
            for (Instance instance : List.of(first, second)) {
                assertThat(instance.get("/episodes/" + id + "/summary").jsonPath().getString("episode_id")).isEqualTo(id);
                Response events = instance.get("/episodes/" + id + "/events");
                assertThat(events.jsonPath().getString("episode_id")).isEqualTo(id);
                assertThat(events.jsonPath().getString("events[0].type")).isEqualTo("REQUESTED");
            }
        }
        for (Instance instance : List.of(first, second)) {
            assertThat(instance.listedIds(EPISODES * 2)).containsAll(ids);
            assertThat(instance.listedPageByPage(5)).containsAll(ids).doesNotHaveDuplicates();
        }
        String ownedBySecond = owned.bySecond().stream().filter(ids::contains).findFirst().orElseThrow();
        String ownedByFirst = owned.byFirst().stream().filter(ids::contains).findFirst().orElseThrow();
        assertThat(first.firstStreamedEvent(ownedBySecond)).contains("\"episode_id\":\"" + ownedBySecond + "\"")
                .contains("\"type\":\"REQUESTED\"");
        assertThat(second.firstStreamedEvent(ownedByFirst)).contains("\"episode_id\":\"" + ownedByFirst + "\"")
                .contains("\"type\":\"REQUESTED\"");
    }

    @Test
    void an_unknown_episode_is_not_found_from_either_instance() {
        for (Instance instance : List.of(first, second)) {
            instance.spec().get("/episodes/no-such-episode/summary").then().statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    private record Owned(Set<String> byFirst, Set<String> bySecond) {
    }

    private record Instance(PackagedService service) {

        static Instance start(String name) {
            // The agent runtime is not what this test is about; one fewer consumer group to settle.
            return new Instance(PackagedService.start(name, System.getProperty("episode-service.jar"),
                    Map.of("noesis.agent.reference.enabled", "false")));
        }

        void stop() {
            service.stop();
        }

        String url(String path) {
            return service.url(path);
        }

        RequestSpecification spec() {
            return given().baseUri("http://127.0.0.1").port(service.port()).auth().oauth2(TOKEN);
        }

        String post(String task) {
            return spec().contentType(ContentType.JSON).body(Map.of("task", task)).post("/episodes")
                    .then().statusCode(202).extract().jsonPath().getString("episode_id");
        }

        /** The answer once it is 200: right after a rebalance an instance may answer 503 for a moment. */
        Response get(String path) {
            return await("200 from " + url(path), () -> {
                Response response = spec().get(path);
                return response.statusCode() == 200 ? Optional.of(response) : Optional.empty();
            });
        }

        Set<String> localIds() {
            Response response = spec().queryParam("scope", "local").queryParam("limit", 500).get("/episodes");
            return response.statusCode() == 200 ? new HashSet<>(response.jsonPath().getList("episodes.episode_id"))
                    : Set.of();
        }

        List<String> listedIds(int limit) {
            return spec().queryParam("limit", limit).get("/episodes").then().statusCode(200)
                    .extract().jsonPath().getList("episodes.episode_id");
        }

        List<String> listedPageByPage(int pageSize) {
            List<String> ids = new ArrayList<>();
            String cursor = null;
            do {
                RequestSpecification request = spec().queryParam("limit", pageSize);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                Response page = request.get("/episodes").then().statusCode(200).extract().response();
                ids.addAll(page.jsonPath().getList("episodes.episode_id"));
                cursor = page.jsonPath().getString("next_cursor");
            } while (cursor != null);
            return ids;
        }

        /** The first server-sent event's data; the episode has not ended, so the stream is closed by the test. */
        String firstStreamedEvent(String episodeId) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url("/episodes/" + episodeId + "/events/stream")))
                    .header("Authorization", "Bearer " + TOKEN).header("Accept", "text/event-stream")
                    .timeout(Duration.ofSeconds(30)).build();
            try {
                HttpResponse<Stream<String>> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                        .send(request, HttpResponse.BodyHandlers.ofLines());
                assertThat(response.statusCode()).isEqualTo(200);
                try (Stream<String> lines = response.body()) {
                    return lines.filter(line -> line.startsWith("data:")).findFirst().orElseThrow();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static <T> T await(String what, Supplier<Optional<T>> attempt) {
        return PackagedService.await(what, SETTLE_TIMEOUT, attempt);
    }

    private static boolean disjoint(Set<String> one, Set<String> other) {
        return one.stream().noneMatch(other::contains);
    }

    private static Set<String> union(Set<String> one, Set<String> other) {
        Set<String> all = new HashSet<>(one);
        all.addAll(other);
        return all;
    }
}
