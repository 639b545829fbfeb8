package io.noesis.episode.streams;

import io.noesis.episode.domain.EpisodeState;
import io.noesis.service.streams.StoreJson;
import org.apache.kafka.common.serialization.Serde;

/**
 * The topology's state stores and their key layouts. Keys are built so that the stores' byte order
 * gives what the queries need: an episode's events in sequence order, and episodes newest first.
 */
public final class EpisodeStores {

    /** Episode id to its summary state (JSON). */
    public static final String EPISODES = "episodes";
    /** "episodeId/sequence" to the EpisodeEvent (Avro). */
    public static final String EPISODE_EVENTS = "episode-events";
    /** "reversed creation time/episodeId" to the episode id. */
    public static final String EPISODE_INDEX = "episode-index";
    /** Episode id to the traceparent of the episode's trace, which every record written for it continues. */
    public static final String EPISODE_TRACES = "episode-traces";

    private static final String SEPARATOR = "/";

    /** How the episodes store keeps an EpisodeState. */
    public static Serde<EpisodeState> stateSerde() {
        return StoreJson.serde(EpisodeState.class);
    }

    /** The sequence zero-padded to 19 digits, so that string order is numeric order. */
    public static String eventKey(String episodeId, long sequence) {
        return episodeId + SEPARATOR + String.format("%019d", sequence);
    }

    /** The first and last possible event keys of one episode: the bounds of a range scan over its log. */
    public static String firstEventKey(String episodeId) {
        return eventKey(episodeId, 0);
    }

    public static String lastEventKey(String episodeId) {
        return eventKey(episodeId, Long.MAX_VALUE);
    }

    /** Newer episodes get smaller keys, so iterating the index from its start lists the newest first. */
    public static String indexKey(long createdAtMillis, String episodeId) {
        return String.format("%019d", Long.MAX_VALUE - createdAtMillis) + SEPARATOR + episodeId;
    }

    private EpisodeStores() {
    }
}
