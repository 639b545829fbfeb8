package io.noesis.episode.api;

import io.noesis.episode.streams.EpisodeQueries;
import io.noesis.schemas.EpisodeEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One client's live view of an episode's log: polls the store for events after the last one sent, and
 * ends once the episode has ended and every event was sent. Polling keeps it a plain interactive query,
 * so it works however the stores are restored or rebalanced.
 */
final class EpisodeEventStream {

    private static final int BATCH = 100;
    /** Returned when nothing follows: the signal to complete, told apart from "nothing yet" by identity. */
    private static final List<EpisodeLog.Entry> ENDED = Collections.unmodifiableList(new ArrayList<>());

    private final EpisodeQueries queries;
    private final String episodeId;
    private final Duration pollInterval;
    private long nextSequence;

    EpisodeEventStream(EpisodeQueries queries, String episodeId, long fromSequence, Duration pollInterval) {
        this.queries = queries;
        this.episodeId = episodeId;
        this.nextSequence = fromSequence;
        this.pollInterval = pollInterval;
    }

    Multi<EpisodeLog.Entry> entries() {
        // Delays fire on the event loop; the store is read on the worker pool, as reading may wait for the
        // schema registry, whose client needs the event loop to answer (a read there would block it for good).
        return Multi.createBy().repeating()
                .uni(() -> Uni.createFrom().nullItem().onItem().delayIt().by(pollInterval)
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .onItem().transform(tick -> next()))
                .until(batch -> batch == ENDED)
                .onItem().transformToIterable(batch -> batch);
    }

    /** The status is read before the events, so events appended with the ending are still sent. */
    private List<EpisodeLog.Entry> next() {
        boolean ended = queries.summary(episodeId).map(episode -> episode.status().isTerminal()).orElse(true);
        List<EpisodeEvent> events = queries.events(episodeId, nextSequence, BATCH).orElse(List.of());
        if (events.isEmpty()) {
            return ended ? ENDED : List.of();
        }
        nextSequence = events.get(events.size() - 1).getSequence() + 1;
        return events.stream().map(EpisodeLog::entry).toList();
    }
}
