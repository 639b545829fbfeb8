package io.noesis.approval.tracing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.noesis.approval.AwaitingRounds;
import io.noesis.schemas.Topic;
import io.noesis.schemas.Topics;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TestTokens;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * A decision through the API continues the approver's request trace: the decision record, its outcome and the
 * command it causes carry that trace in their traceparent header (spans are exported nowhere in the tests).
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class DecisionTraceTest {

    private static final String APPROVERS_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void theDecisionItsOutcomeAndItsCommandCarryTheApproversTrace() {
        String episodeId = "ep-" + UUID.randomUUID();
        AwaitingRounds.open(episodeId, null, null);

        given().auth().oauth2(TestTokens.mint("alice", Set.of("approver"), Set.of()))
                .header("traceparent", "00-" + APPROVERS_TRACE + "-00f067aa0ba902b7-01")
                .contentType(ContentType.JSON).body("{}")
                .post("/approvals/" + episodeId + "/approve").then().statusCode(200);

        assertEquals(APPROVERS_TRACE, traceIdOf(Topics.APPROVAL_DECISIONS, episodeId));
        assertEquals(APPROVERS_TRACE, traceIdOf(Topics.APPROVAL_OUTCOMES, episodeId));
        assertEquals(APPROVERS_TRACE, traceIdOf(Topics.EPISODE_COMMANDS, episodeId));
    }

    private static <V> String traceIdOf(Topic<V> topic, String episodeId) {
        ConsumerRecord<String, V> record = TopicClient.await(topic, candidate -> episodeId.equals(candidate.key()),
                AwaitingRounds.KAFKA_WAIT);
        Header traceparent = record.headers().lastHeader("traceparent");
        return traceparent == null ? null : new String(traceparent.value(), StandardCharsets.UTF_8).split("-")[1];
    }
}
