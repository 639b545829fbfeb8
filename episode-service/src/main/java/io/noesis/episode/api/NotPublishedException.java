package io.noesis.episode.api;

/** The broker did not acknowledge a record in time; the client may retry (with the same episode id). */
public class NotPublishedException extends RuntimeException {

    public NotPublishedException(String topic, String episodeId, Throwable cause) {
        super("the record for episode " + episodeId + " was not acknowledged by Kafka on " + topic
                + "; retry with the same episode_id", cause);
    }
}
