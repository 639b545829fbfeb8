package io.noesis.episode.domain;

import java.time.Instant;

/**
 * Which episodes a listing shows; a null criterion matches every episode.
 *
 * @param createdAfter only episodes created strictly after this time
 * @param createdBefore only episodes created strictly before this time
 */
public record EpisodeFilter(EpisodeStatus status, String tagKey, String tagValue, String parentEpisodeId,
        Instant createdAfter, Instant createdBefore) {

    public static final EpisodeFilter ALL = new EpisodeFilter(null, null, null, null, null, null);

    public boolean matches(EpisodeState episode) {
        return (status == null || episode.status() == status)
                && (tagKey == null || tagValue.equals(episode.tags().get(tagKey)))
                && (parentEpisodeId == null || parentEpisodeId.equals(episode.parentEpisodeId()))
                && !isTooOld(episode)
                && (createdBefore == null || episode.createdAt().isBefore(createdBefore));
    }

    /** Listed newest first, an episode created at or before createdAfter means every later one is too old as well. */
    public boolean isTooOld(EpisodeState episode) {
        return createdAfter != null && !episode.createdAt().isAfter(createdAfter);
    }
}
