package io.noesis.episode.streams;

import io.noesis.schemas.deadletter.DeadLetters;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Turns a record without a key back into its bytes, addressed to the dead-letter topic: with no episode
 * id there is no episode to apply it to, and the client must learn that it was not accepted.
 */
class UnkeyedRecordDeadLetters<V> implements Processor<String, V, byte[], byte[]> {

    private final Serializer<V> serializer;
    private ProcessorContext<byte[], byte[]> context;

    UnkeyedRecordDeadLetters(Serializer<V> serializer) {
        this.serializer = serializer;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, V> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        byte[] value = serializer.serialize(source.topic(), record.value());
        ProducerRecord<byte[], byte[]> deadLetter = DeadLetters.of(context.applicationId(), source.topic(),
                source.partition(), source.offset(), null, value,
                new IllegalArgumentException("record without a key: every episode topic is keyed by episode id"));
        context.forward(new Record<>(null, value, record.timestamp(), deadLetter.headers()));
    }
}
