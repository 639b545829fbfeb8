package io.noesis.approval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.schemas.CommandType;
import io.noesis.schemas.DecisionOutcome;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.Topics;
import io.noesis.testing.PackagedService;
import io.noesis.testing.TestTokens;
import io.noesis.testing.TopicClient;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two processes of the packaged service, one application id, two HTTP ports: each lists the rounds of both,
 * answers for a round the other owns, and settles a decision on a round the other owns.
 */
class TwoInstancesIT {

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
    private static final int ROUNDS = 12;
    private static final String TOKEN = TestTokens.mint("bob", Set.of("approver", "auditor"), Set.of());

    private static Instance first;
    private static Instance second;

    @BeforeAll
    static void startTwoInstances() {
        first = Instance.start("approval-service-a");
        second = Instance.start("approval-service-b");
    }

    @AfterAll
    static void stopThem() {
        Stream.of(first, second).filter(instance -> instance != null).forEach(Instance::stop);
    }

    @Test
    void each_instance_lists_pages_and_shows_the_rounds_of_both_and_settles_a_decision_on_the_others() {
        // Deadlines a minute apart, so the queue order (by deadline) is the order of the ids.
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant base = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        List<String> ids = IntStream.range(0, ROUNDS).mapToObj(i -> "ep-" + run + "-" + i).toList();
        for (int i = 0; i < ROUNDS; i++) {
            AwaitingRounds.publish(ids.get(i), null, base.plus(i, ChronoUnit.MINUTES));
        }

        Owned owned = await("both instances own some of the rounds", () -> {
            Set<String> ofFirst = first.localIds();
            Set<String> ofSecond = second.localIds();
            boolean split = !ofFirst.isEmpty() && !ofSecond.isEmpty() && ofFirst.stream().noneMatch(ofSecond::contains)
                    && union(ofFirst, ofSecond).containsAll(ids);
            return split ? Optional.of(new Owned(ofFirst, ofSecond)) : Optional.empty();
        });

        for (Instance instance : List.of(first, second)) {
            assertEquals(ids, ours(instance.listed("pending", 200), ids), "one page from " + instance.service().port());
            assertEquals(ids, ours(instance.listedPageByPage("pending", 5), ids), "pages of 5 from " + instance.service().port());
            for (String id : ids) {
                assertEquals(id, instance.get("/approvals/" + id).jsonPath().getString("episode_id"));
            }
        }

        String ownedBySecond = owned.bySecond().stream().filter(ids::contains).findFirst().orElseThrow();
        String ownedByFirst = owned.byFirst().stream().filter(ids::contains).findFirst().orElseThrow();
        first.decide(ownedBySecond, "approve", "backup verified").then().statusCode(200)
                .body("verdict", equalTo("RESUMED"));
        second.decide(ownedByFirst, "reject", "not during the freeze").then().statusCode(200)
                .body("verdict", equalTo("REJECTED"));

        assertSettled(ownedBySecond, CommandType.RESUME, "backup verified");
        assertSettled(ownedByFirst, CommandType.REJECT, "not during the freeze");
        for (Instance instance : List.of(first, second)) {
            List<String> pending = instance.listed("pending", 200);
            assertFalse(pending.contains(ownedBySecond) || pending.contains(ownedByFirst), "settled rounds left the queue");
            assertTrue(instance.listedPageByPage("decided", 1).containsAll(List.of(ownedBySecond, ownedByFirst)),
                    "the decided history of both instances");
            instance.spec().get("/approvals/" + ownedBySecond).then().statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void a_bad_scope_is_refused_and_an_unknown_round_is_not_found_from_either_instance() {
        for (Instance instance : List.of(first, second)) {
            instance.spec().queryParam("scope", "everywhere").get("/approvals").then().statusCode(400)
                    .contentType("application/problem+json");
            instance.spec().get("/approvals/ep-no-such-round").then().statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    private static void assertSettled(String episodeId, CommandType command, String reason) {
        DecisionOutcome outcome = TopicClient.await(Topics.APPROVAL_OUTCOMES, record -> episodeId.equals(record.key()),
                AwaitingRounds.KAFKA_WAIT).value();
        assertTrue(outcome.getAccepted(), outcome.getMessage());
        EpisodeCommand sent = TopicClient.await(Topics.EPISODE_COMMANDS, record -> episodeId.equals(record.key()),
                AwaitingRounds.KAFKA_WAIT).value();
        assertEquals(command, sent.getType());
        assertEquals(List.of("bob"), sent.getApprovers(), "the approver is the token's subject");
        assertEquals(reason, sent.getReason());
    }

    /** The listed ids of this test's rounds, in the order listed. */
    private static List<String> ours(List<String> listed, List<String> ids) {
        List<String> mine = listed.stream().filter(ids::contains).toList();
        assertEquals(new HashSet<>(mine).size(), mine.size(), "each round once: " + mine);
        return mine;
    }

    private record Owned(Set<String> byFirst, Set<String> bySecond) {
    }

    private record Instance(PackagedService service) {

        static Instance start(String name) {
            return new Instance(PackagedService.start(name, System.getProperty("approval-service.jar"), Map.of()));
        }

        void stop() {
            service.stop();
        }

        RequestSpecification spec() {
            return given().baseUri("http://127.0.0.1").port(service.port()).auth().oauth2(TOKEN);
        }

        /** The answer once it is 200: right after a rebalance an instance may answer 503 for a moment. */
        Response get(String path) {
            return await("200 from " + service.url(path), () -> {
                Response response = spec().get(path);
                return response.statusCode() == 200 ? Optional.of(response) : Optional.empty();
            });
        }

        Response decide(String episodeId, String verdict, String reason) {
            return spec().contentType(ContentType.JSON).body(Map.of("reason", reason))
                    .post("/approvals/" + episodeId + "/" + verdict);
        }

        Set<String> localIds() {
            Response response = spec().queryParam("scope", "local").queryParam("limit", 200).get("/approvals");
            return response.statusCode() == 200 ? new HashSet<>(response.jsonPath().getList("approvals.episode_id"))
                    : Set.of();
        }

        List<String> listed(String status, int limit) {
            return spec().queryParam("status", status).queryParam("limit", limit).get("/approvals").then().statusCode(200)
                    .extract().jsonPath().getList("approvals.episode_id");
        }

        List<String> listedPageByPage(String status, int pageSize) {
            List<String> listed = new ArrayList<>();
            String cursor = null;
            do {
                RequestSpecification request = spec().queryParam("status", status).queryParam("limit", pageSize);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                Response page = request.get("/approvals").then().statusCode(200).extract().response();
                listed.addAll(page.jsonPath().getList("approvals.episode_id"));
                cursor = page.jsonPath().getString("next_cursor");
            } while (cursor != null);
            return listed;
        }
    }

    private static <T> T await(String what, Supplier<Optional<T>> attempt) {
        return PackagedService.await(what, SETTLE_TIMEOUT, attempt);
    }

    private static Set<String> union(Set<String> one, Set<String> other) {
        Set<String> all = new HashSet<>(one);
        all.addAll(other);
        return all;
    }
}
