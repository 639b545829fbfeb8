package io.noesis.audit.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;

/**
 * JSON serdes for the topology's internal records. They use their own mapper, not the REST layer's, so
 * that the bytes in state stores and the repartition topic never change with the API's JSON settings.
 */
final class JsonSerdes {

    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    static <T> ObjectMapperSerde<T> of(Class<T> type) {
        return new ObjectMapperSerde<>(type, MAPPER);
    }

    private JsonSerdes() {
    }
}
