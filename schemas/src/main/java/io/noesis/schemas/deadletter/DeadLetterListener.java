package io.noesis.schemas.deadletter;

/**
 * Told of every record a consumer has sent to the dead-letter topic. The dead-letter paths run inside
 * Kafka clients, outside any container, so a service registers a listener (its metrics) here.
 */
@FunctionalInterface
public interface DeadLetterListener {

    /**
     * @param consumer the consumer (Streams application id or group) that could not read the record
     * @param sourceTopic the topic the record came from
     */
    void deadLettered(String consumer, String sourceTopic);
}
