package io.noesis.episode.api;

import io.noesis.episode.streams.EpisodeStores;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** GET /episodes: summaries, newest first, and the cursor of the next page (null on the last). */
public record EpisodeList(List<EpisodeSummary> episodes, String nextCursor) {

    /**
     * One page from the first pages of several instances, each listed after the same cursor: the newest
     * limit of them all. Another page follows when episodes were left out or any instance has more.
     */
    static EpisodeList merge(Collection<EpisodeList> pages, int limit) {
        TreeMap<String, EpisodeSummary> newestFirst = new TreeMap<>();
        for (EpisodeList page : pages) {
            page.episodes().forEach(episode -> newestFirst.put(indexKey(episode), episode));
        }
        List<Map.Entry<String, EpisodeSummary>> page = newestFirst.entrySet().stream().limit(limit).toList();
        boolean more = newestFirst.size() > limit || pages.stream().anyMatch(p -> p.nextCursor() != null);
        String last = more && !page.isEmpty() ? page.get(page.size() - 1).getKey() : null;
        return new EpisodeList(page.stream().map(Map.Entry::getValue).toList(), QueryParameters.cursor(last));
    }

    private static String indexKey(EpisodeSummary episode) {
        return EpisodeStores.indexKey(episode.createdAt().toEpochMilli(), episode.episodeId());
    }
}
