package io.noesis.episode.api;

/** The episode has ended: there is nothing left to cancel. */
public class EpisodeEndedException extends RuntimeException {

    public EpisodeEndedException(String episodeId, String status) {
        super("episode " + episodeId + " has already ended as " + status);
    }
}
