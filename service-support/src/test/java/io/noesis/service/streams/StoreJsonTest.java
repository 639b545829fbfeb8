package io.noesis.service.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class StoreJsonTest {

    record Round(String episodeId, int approvals, Instant deadline) {
    }

    private final Serde<Round> serde = StoreJson.serde(Round.class);

    @Test
    void aRecordComesBackAsItWasWrittenInstantsIncluded() {
        Round round = new Round("ep-1", 2, Instant.parse("2026-11-27T03:00:00.123Z"));

        assertEquals(round, serde.deserializer().deserialize("store", serde.serializer().serialize("store", round)));
    }

    @Test
    void aFieldOnlyANewerVersionKnowsIsSkipped() {
        byte[] writtenByANewerVersion = """
                {"episodeId":"ep-1","approvals":2,"deadline":1795748400.123000000,"escalatedTo":"sre"}"""
                .getBytes(StandardCharsets.UTF_8);

        assertEquals(new Round("ep-1", 2, Instant.parse("2026-11-27T03:00:00.123Z")),
                serde.deserializer().deserialize("store", writtenByANewerVersion));
    }
}
