package io.noesis.episode.domain;

import io.noesis.schemas.EpisodeEventType;

/**
 * An event the lifecycle decided to append: its place in the episode's log and its payload (one of the
 * EpisodeEvent payload records). Sequence 0 marks an event about an episode that does not exist.
 */
public record NewEvent(long sequence, EpisodeEventType type, Object payload) {

    public static final long NO_EPISODE = 0;
}
