package io.noesis.episode.domain;

import io.noesis.schemas.EpisodeEventType;

/**
 * An event the lifecycle decided to append: its place in the episode's log, its payload (one of the
 * EpisodeEvent payload records) and what caused it, as {@link EpisodeInput#source()} names it. One input
 * can cause events of another's: a RESUME applies the reports that were held for it. Sequence 0 marks an
 * event about an episode that does not exist.
 */
public record NewEvent(long sequence, EpisodeEventType type, Object payload, String source) {

    public static final long NO_EPISODE = 0;
}
