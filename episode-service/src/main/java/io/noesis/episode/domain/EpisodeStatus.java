package io.noesis.episode.domain;

/** Where an episode is in its lifecycle. */
public enum EpisodeStatus {
    REQUESTED,
    EVALUATING,
    RUNNING,
    AWAITING_APPROVAL,
    COMPLETED,
    FAILED,
    REJECTED,
    EXPIRED,
    CANCELLED;

    /** Whether the episode has ended: nothing but a refusal can follow. */
    public boolean isTerminal() {
        return ordinal() >= COMPLETED.ordinal();
    }
}
