package io.noesis.audit.replay;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Where a record sits in Kafka, so that an auditor can fetch it. */
public record LogPlace(String topic, int partition, long offset) {

    static LogPlace of(ConsumerRecord<?, ?> record) {
        return new LogPlace(record.topic(), record.partition(), record.offset());
    }
}
