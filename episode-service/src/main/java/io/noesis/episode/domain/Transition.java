package io.noesis.episode.domain;

import io.noesis.schemas.EpisodeCommand;
import java.util.List;
import java.util.Optional;

/** The outcome of applying one input: the episode's new state (empty: no episode), its new events and the commands to issue. */
public record Transition(Optional<EpisodeState> state, List<NewEvent> events, List<EpisodeCommand> commands) {

    public Transition {
        events = List.copyOf(events);
        commands = List.copyOf(commands);
    }

    /** The input changes nothing and is not worth recording (a repeat of something already applied). */
    public static Transition unchanged(Optional<EpisodeState> state) {
        return new Transition(state, List.of(), List.of());
    }
}
