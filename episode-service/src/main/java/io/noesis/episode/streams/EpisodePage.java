package io.noesis.episode.streams;

import io.noesis.episode.domain.EpisodeState;
import java.util.List;

/**
 * One page of a listing, newest first.
 *
 * @param continueAfter the index key of the page's last episode when more follow, else null
 */
public record EpisodePage(List<EpisodeState> episodes, String continueAfter) {

    public EpisodePage {
        episodes = List.copyOf(episodes);
    }
}
