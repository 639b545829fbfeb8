package io.noesis.episode.api;

/** The broker did not acknowledge an episode request in time; the client may retry with the same episode id. */
public class RequestNotPublishedException extends RuntimeException {

    public RequestNotPublishedException(String episodeId, Throwable cause) {
        super("episode request " + episodeId + " was not acknowledged by Kafka; retry with the same episode_id", cause);
    }
}
