package io.noesis.policy.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Jackson stops reading after the first JSON value and ignores whatever follows; a body with trailing
 * garbage is malformed and must be refused like any other (service-support's strict JSON covers types only).
 */
@Singleton
public class WholeDocumentJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    }
}
