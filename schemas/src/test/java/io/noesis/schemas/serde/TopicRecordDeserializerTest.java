package io.noesis.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.schemas.AgentReport;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.ReportType;
import io.noesis.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class TopicRecordDeserializerTest {

    private static final byte[] ANY_BYTES = {0, 0, 0, 0, 1, 2};

    @Test
    void passesARecordOfTheTopicsType() {
        EpisodeCommand command = EpisodeCommand.newBuilder().setCommandId("c-1").setEpisodeId("ep-1")
                .setType(CommandType.START).setIssuedAt(Instant.EPOCH).setIssuedBy("test").build();

        assertSame(command, reading(command).deserialize(Topics.EPISODE_COMMANDS.name(), ANY_BYTES));
    }

    @Test
    void refusesAValidRecordOfAnotherType() {
        AgentReport report = AgentReport.newBuilder().setReportId("r-1").setEpisodeId("ep-1").setType(ReportType.STEP)
                .setReportedAt(Instant.EPOCH).setAgent("agent").build();

        SerializationException refused = assertThrows(SerializationException.class,
                () -> reading(report).deserialize(Topics.EPISODE_COMMANDS.name(), ANY_BYTES));
        assertTrue(refused.getMessage().contains("io.noesis.schemas.AgentReport"), refused.getMessage());
    }

    @Test
    void refusesATombstone() {
        assertThrows(SerializationException.class, () -> reading(null).deserialize(Topics.EPISODE_COMMANDS.name(), null));
    }

    @Test
    void episodeKeysMustBePresent() {
        Deserializer<String> keys = RegistrySerdes.episodeKeySerde().deserializer();

        assertEquals("ep-1", keys.deserialize("t", "ep-1".getBytes(StandardCharsets.UTF_8)));
        assertThrows(SerializationException.class, () -> keys.deserialize("t", null));
    }

    /** A deserializer for the commands topic whose Avro reader answers the given record, whatever the bytes. */
    private static TopicRecordDeserializer<EpisodeCommand> reading(Object record) {
        Deserializer<Object> anything = (topic, data) -> record;
        @SuppressWarnings({"unchecked", "rawtypes"})
        Deserializer<EpisodeCommand> avro = (Deserializer) anything;
        return new TopicRecordDeserializer<>(Topics.EPISODE_COMMANDS, avro);
    }
}
