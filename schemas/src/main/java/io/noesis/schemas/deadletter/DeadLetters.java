package io.noesis.schemas.deadletter;

import io.noesis.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds the record sent to the dead-letter topic: the original bytes, with where they came from and why they failed. */
public final class DeadLetters {

    public static final String SOURCE_TOPIC = "noesis.dlq.source.topic";
    public static final String SOURCE_PARTITION = "noesis.dlq.source.partition";
    public static final String SOURCE_OFFSET = "noesis.dlq.source.offset";
    public static final String ERROR = "noesis.dlq.error";
    public static final String ERROR_CLASS = "noesis.dlq.error.class";
    public static final String CONSUMER = "noesis.dlq.consumer";

    /** Headers are bounded so that a huge exception message cannot make the dead letter itself too large. */
    private static final int MAX_ERROR_LENGTH = 2_000;

    private static final List<DeadLetterListener> LISTENERS = new CopyOnWriteArrayList<>();

    public static void addListener(DeadLetterListener listener) {
        LISTENERS.add(listener);
    }

    public static void removeListener(DeadLetterListener listener) {
        LISTENERS.remove(listener);
    }

    /** Every dead-letter path calls this once the dead letter is sent (or handed to its transaction). */
    public static void sent(ProducerRecord<byte[], byte[]> deadLetter) {
        String consumer = header(deadLetter, CONSUMER);
        String sourceTopic = header(deadLetter, SOURCE_TOPIC);
        LISTENERS.forEach(listener -> listener.deadLettered(consumer, sourceTopic));
    }

    public static ProducerRecord<byte[], byte[]> of(String consumer, String topic, int partition, long offset,
            byte[] key, byte[] value, Throwable error) {
        Headers headers = new RecordHeaders()
                .add(SOURCE_TOPIC, utf8(topic))
                .add(SOURCE_PARTITION, utf8(Integer.toString(partition)))
                .add(SOURCE_OFFSET, utf8(Long.toString(offset)))
                .add(ERROR, utf8(describe(error)))
                .add(ERROR_CLASS, utf8(error.getClass().getName()))
                .add(CONSUMER, utf8(consumer));
        return new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, key, value, headers);
    }

    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text.toString();
    }

    private static String header(ProducerRecord<byte[], byte[]> deadLetter, String name) {
        return new String(deadLetter.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private DeadLetters() {
    }
}
