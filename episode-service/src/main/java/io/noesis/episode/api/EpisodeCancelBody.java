package io.noesis.episode.api;

/** The optional body of POST /episodes/{id}/cancel. */
public record EpisodeCancelBody(String reason) {

    static final int MAX_REASON_LENGTH = 1_000;
}
