package io.noesis.schemas.serde;

import io.noesis.schemas.Topic;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a topic's values and refuses what is not a record of the topic's type: a valid Avro record of
 * another schema (the registry knows it, so the Avro reader alone would hand it on) and a tombstone,
 * which no topic of the catalogue gives a meaning. Refusing here sends them to the dead-letter topic
 * like any unreadable record, instead of failing a processor further on with a ClassCastException.
 */
final class TopicRecordDeserializer<V> implements Deserializer<V> {

    private final Topic<V> topic;
    private final Deserializer<V> avro;

    TopicRecordDeserializer(Topic<V> topic, Deserializer<V> avro) {
        this.topic = topic;
        this.avro = avro;
    }

    @Override
    public V deserialize(String topicName, byte[] data) {
        return checked(topicName, data == null ? null : avro.deserialize(topicName, data));
    }

    @Override
    public V deserialize(String topicName, Headers headers, byte[] data) {
        return checked(topicName, data == null ? null : avro.deserialize(topicName, headers, data));
    }

    private V checked(String topicName, Object value) {
        if (value == null) {
            throw new SerializationException("A record without a value on " + topicName + ", whose records are "
                    + topic.valueType().getSimpleName() + " (a tombstone means nothing there)");
        }
        if (!topic.valueType().isInstance(value)) {
            throw new SerializationException("A " + describe(value) + " record on " + topicName + ", whose records are "
                    + topic.valueType().getSimpleName());
        }
        return topic.valueType().cast(value);
    }

    private static String describe(Object value) {
        return value instanceof GenericContainer avro ? avro.getSchema().getFullName()
                : value.getClass().getName();
    }

    @Override
    public void close() {
        avro.close();
    }
}
