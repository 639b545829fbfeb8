package io.noesis.episode.api;

/** The answer to POST /episodes: the id and where to follow the episode. */
public record EpisodeAccepted(String episodeId, String status, String summary, String events) {

    public static EpisodeAccepted requested(String episodeId) {
        String base = "/episodes/" + episodeId;
        return new EpisodeAccepted(episodeId, "REQUESTED", base + "/summary", base + "/events");
    }
}
