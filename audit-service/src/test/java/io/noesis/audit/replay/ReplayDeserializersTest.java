package io.noesis.audit.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.noesis.schemas.AuditRecord;
import io.noesis.schemas.EpisodeRequest;
import io.noesis.schemas.Topics;
import io.noesis.testing.TestRegistry;
import java.time.Instant;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class ReplayDeserializersTest {

    private final ReplayDeserializers deserializers = new ReplayDeserializers(TestRegistry.shared().serdes());

    @Test
    void everyReplayOfATopicSharesOneDeserializerAndItsSchemaCache() {
        Deserializer<AuditRecord> first = deserializers.of(Topics.AUDIT_LOG);
        Deserializer<AuditRecord> second = deserializers.of(Topics.AUDIT_LOG);
        Deserializer<EpisodeRequest> otherTopic = deserializers.of(Topics.EPISODE_REQUESTS);

        assertSame(shared(first), shared(second));
        assertNotSame(shared(first), shared(otherTopic));
    }

    @Test
    void aConsumerClosingItsDeserializerLeavesItReadableForTheNextReplay() {
        EpisodeRequest request = EpisodeRequest.newBuilder().setEpisodeId("ep-1").setTask("drop the cache")
                .setRequestedBy("alice").setRequestedAt(Instant.parse("2026-11-26T12:00:00Z")).build();
        byte[] bytes = TestRegistry.shared().serdes().valueSerde(Topics.EPISODE_REQUESTS).serializer()
                .serialize(Topics.EPISODE_REQUESTS.name(), request);
        deserializers.of(Topics.EPISODE_REQUESTS).close();

        assertEquals(request, deserializers.of(Topics.EPISODE_REQUESTS).deserialize(Topics.EPISODE_REQUESTS.name(), bytes));
    }

    private static Deserializer<?> shared(Deserializer<?> view) {
        return ((ReplayDeserializers.KeptOpen<?>) view).shared();
    }
}
