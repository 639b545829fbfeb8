package io.noesis.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the episode id a record is keyed by and refuses a record without one: such a record belongs to
 * no episode, so a consumer keyed by episode sends it to the dead-letter topic rather than act on it.
 */
final class EpisodeKeyDeserializer extends StringDeserializer {

    @Override
    public String deserialize(String topic, byte[] data) {
        if (data == null) {
            throw new SerializationException("A record without a key on " + topic + ", whose records are keyed by episode id");
        }
        return super.deserialize(topic, data);
    }
}
