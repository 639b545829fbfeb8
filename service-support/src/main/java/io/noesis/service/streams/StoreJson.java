package io.noesis.service.streams;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serde of a service's internal records (state stores, their changelogs, repartition topics): its own
 * records as JSON. Public topics carry Avro; these bytes are private to one service and change with its code.
 * The mapper is not the REST layer's, so the stored bytes never change with the API's JSON settings; and it
 * skips fields it does not know, so an instance reads what a newer one wrote during a rolling upgrade.
 */
public final class StoreJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public static <T> Serde<T> serde(Class<T> type) {
        return new ObjectMapperSerde<>(type, MAPPER);
    }

    private StoreJson() {
    }
}
