package io.noesis.episode.api;

import java.util.List;

/** GET /episodes: summaries, newest first, and the cursor of the next page (null on the last). */
public record EpisodeList(List<EpisodeSummary> episodes, String nextCursor) {
}
