package io.noesis.episode.tracing;

import static io.noesis.episode.EpisodeFixtures.command;
import static io.noesis.episode.EpisodeFixtures.request;
import static io.noesis.episode.EpisodeFixtures.riskyEvaluation;
import static io.noesis.episode.EpisodeFixtures.safeEvaluation;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.noesis.schemas.CommandType;
import io.noesis.schemas.Topic;
import io.noesis.schemas.Topics;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TestTokens;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * One episode is one trace: the W3C trace context of the request travels in the Kafka record headers
 * (traceparent) to every event, command and agent report of the episode. Spans are exported nowhere in the
 * tests, so the headers are what is checked.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class EpisodeTraceTest {

    private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(1);

    @Test
    void anEpisodeRequestedThroughTheApiContinuesTheCallersTraceToItsCompletion() {
        String callersTrace = randomHex(16);
        String episodeId = given().auth().oauth2(TestTokens.mint("alice", Set.of("requester"), Set.of()))
                .header("traceparent", "00-" + callersTrace + "-" + randomHex(8) + "-01")
                .contentType(ContentType.JSON).body(Map.of("task", "restart the web tier"))
                .post("/episodes").then().statusCode(202).extract().jsonPath().getString("episode_id");
        // Published straight to Kafka, without a trace context, as a policy engine of another team might.
        TopicClient.send(Topics.POLICY_EVALUATIONS, episodeId, safeEvaluation(episodeId));

        awaitEvent(episodeId, "COMPLETED");

        assertThat(traceIds(Topics.EPISODE_REQUESTS, episodeId)).containsExactly(callersTrace);
        assertThat(traceIds(Topics.EPISODE_EVENTS, episodeId)).hasSize(6).containsOnly(callersTrace);
        assertThat(traceIds(Topics.EPISODE_COMMANDS, episodeId)).containsExactly(callersTrace);
        assertThat(traceIds(Topics.AGENT_REPORTS, episodeId)).isNotEmpty().containsOnly(callersTrace);
    }

    @Test
    void aRequestPublishedWithoutTraceContextStartsTheEpisodesTraceWhichADecisionDoesNotChange() {
        String episodeId = "ep-" + UUID.randomUUID();
        TopicClient.send(Topics.EPISODE_REQUESTS, episodeId, request(episodeId, "drop the staging schema"));
        TopicClient.send(Topics.POLICY_EVALUATIONS, episodeId, riskyEvaluation(episodeId));
        awaitEvent(episodeId, "AWAITING_APPROVAL");
        // The go-ahead comes in a trace of its own (here: none); the episode's log stays in the episode's trace.
        TopicClient.send(Topics.EPISODE_COMMANDS, episodeId, command(episodeId, CommandType.RESUME));

        awaitEvent(episodeId, "COMPLETED");

        List<String> eventTraces = traceIds(Topics.EPISODE_EVENTS, episodeId);
        assertThat(eventTraces).hasSize(8).doesNotContainNull().containsOnly(eventTraces.get(0));
        assertThat(eventTraces.get(0)).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
    }

    private static void awaitEvent(String episodeId, String type) {
        TopicClient.await(Topics.EPISODE_EVENTS,
                record -> episodeId.equals(record.key()) && record.value().getType().name().equals(type), FLOW_TIMEOUT);
    }

    /** The trace id in each record's traceparent header, in topic order; null for a record without one. */
    private static <V> List<String> traceIds(Topic<V> topic, String episodeId) {
        return TopicClient.readAll(topic, QUIET).stream()
                .filter(record -> episodeId.equals(record.key()))
                .map(EpisodeTraceTest::traceId)
                .toList();
    }

    private static String traceId(ConsumerRecord<String, ?> record) {
        Header traceparent = record.headers().lastHeader("traceparent");
        return traceparent == null ? null : new String(traceparent.value(), StandardCharsets.UTF_8).split("-")[1];
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
