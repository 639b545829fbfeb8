package io.noesis.episode;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.noesis.schemas.Topics;
import io.noesis.schemas.deadletter.DeadLetters;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class UnreadableRecordsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void anUnreadableCommandGoesToTheDeadLetterTopicFromTheTopologyAndTheAgent() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        byte[] key = "ep-garbage".getBytes(StandardCharsets.UTF_8);

        TopicClient.sendBytes(Topics.EPISODE_COMMANDS.name(), key, garbage);

        for (String consumer : new String[] {"noesis-episode-service", "noesis-reference-agent"}) {
            ConsumerRecord<String, byte[]> deadLetter = TopicClient.await(Topics.DEAD_LETTERS,
                    record -> Arrays.equals(record.value(), garbage) && consumer.equals(header(record, DeadLetters.CONSUMER)),
                    TIMEOUT);
            assertThat(header(deadLetter, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.EPISODE_COMMANDS.name());
        }
    }

    @Test
    void healthNeedsNoToken() {
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
