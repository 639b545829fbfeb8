package io.noesis.episode.api;

/** No episode with this id is known (to this instance's stores). */
public class EpisodeNotFoundException extends RuntimeException {

    public EpisodeNotFoundException(String episodeId) {
        super("no episode " + episodeId);
    }
}
