package io.noesis.schemas.deadletter;

import io.noesis.schemas.serde.RegistryOutage;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' deserialization handler for every service: a record that cannot be read goes to the
 * dead-letter topic with its source and the error in headers, and the topology goes on with the next
 * one. Kafka 4.1 has no built-in dead-letter queue for Streams, hence this handler.
 * <p>
 * A record that could not be read only because the schema registry was unreachable is no dead letter:
 * the task fails instead, after a pause, and the services' StreamThreadRecovery replaces the stream thread,
 * which reads the record again from the last commit until the registry answers.
 */
public class DeadLetterHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

    private KafkaProducer<byte[], byte[]> producer;
    private String applicationId;

    @Override
    public void configure(Map<String, ?> streamsConfig) {
        applicationId = String.valueOf(streamsConfig.get(StreamsConfig.APPLICATION_ID_CONFIG));
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, streamsConfig.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, applicationId + "-dead-letters");
        producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        if (RegistryOutage.isCauseOf(exception)) {
            return retryLater(record, exception);
        }
        LOG.warn("Unreadable record {}-{}@{} sent to the dead-letter topic: {}", record.topic(), record.partition(),
                record.offset(), exception.toString());
        // Waiting for the acknowledgement keeps the promise that nothing is lost: if the dead-letter
        // topic cannot take the record, the task fails and retries instead of skipping it.
        try {
            ProducerRecord<byte[], byte[]> deadLetter = DeadLetters.of(applicationId, record.topic(), record.partition(),
                    record.offset(), record.key(), record.value(), exception);
            producer.send(deadLetter).get();
            DeadLetters.sent(deadLetter);
            return DeserializationHandlerResponse.CONTINUE;
        } catch (Exception sendFailure) {
            LOG.error("Dead-letter topic unavailable; failing the task", sendFailure);
            return DeserializationHandlerResponse.FAIL;
        }
    }

    private static DeserializationHandlerResponse retryLater(ConsumerRecord<byte[], byte[]> record, Exception exception) {
        LOG.warn("Record {}-{}@{} not read: the schema registry is unreachable ({}); it is read again once the"
                + " registry answers", record.topic(), record.partition(), record.offset(), exception.toString());
        RegistryOutage.pauseBeforeRetry();
        return DeserializationHandlerResponse.FAIL;
    }
}
