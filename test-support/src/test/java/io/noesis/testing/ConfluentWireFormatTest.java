package io.noesis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.noesis.schemas.EpisodeRequest;
import io.noesis.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The serdes write Confluent wire format against the real registry, and records survive a real broker. */
class ConfluentWireFormatTest {

    @Test
    void recordsCarryTheRegistrysSchemaIdAndReadBackThroughTheBroker() throws Exception {
        EpisodeRequest request = EpisodeRequest.newBuilder()
                .setEpisodeId("wire-1").setTask("drop the staging table").setIntuition(List.of("high_risk_keywords"))
                .setTags(Map.of("team", "data")).setEnvironment("staging").setRequestedBy("alice")
                .setRequestedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build();

        byte[] bytes = TestRegistry.shared().serdes().valueSerde(Topics.EPISODE_REQUESTS).serializer()
                .serialize(Topics.EPISODE_REQUESTS.name(), request);
        ByteBuffer frame = ByteBuffer.wrap(bytes);
        assertEquals(0, frame.get(), "magic byte");
        assertEquals(latestSchemaId(Topics.EPISODE_REQUESTS.valueSubject()), frame.getInt(), "schema id of the Confluent API");

        TopicClient.send(Topics.EPISODE_REQUESTS, "wire-1", request);
        ConsumerRecord<String, EpisodeRequest> read = TopicClient.await(Topics.EPISODE_REQUESTS,
                record -> "wire-1".equals(record.key()), Duration.ofSeconds(30));
        assertEquals(request, read.value());
    }

    private static int latestSchemaId(String subject) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(TestRegistry.shared().confluentApiUrl() + "/subjects/" + subject + "/versions/latest")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Integer.parseInt(response.body().replaceAll(".*\"id\"\\s*:\\s*(\\d+).*", "$1"));
    }
}
