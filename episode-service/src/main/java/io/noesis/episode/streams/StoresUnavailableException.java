package io.noesis.episode.streams;

/** The local stores cannot answer yet: Kafka Streams is starting, rebalancing or restoring. */
public class StoresUnavailableException extends RuntimeException {

    public StoresUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
