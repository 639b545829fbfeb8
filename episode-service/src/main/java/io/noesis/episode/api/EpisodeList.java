package io.noesis.episode.api;

import java.util.List;

/** GET /episodes: summaries, newest first. */
public record EpisodeList(List<EpisodeSummary> episodes) {
}
