package io.noesis.episode.domain;

import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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

    /** Whether the episode now waits for a person's decision: its round is to reach the approvers without delay. */
    public boolean awaitsApproval() {
        return events.stream().anyMatch(event -> event.type() == EpisodeEventType.AWAITING_APPROVAL);
    }

    /** Whether this transition opens an episode: its request is on its way to the policies. */
    public boolean startsEpisode() {
        return events.stream().anyMatch(event -> event.type() == EpisodeEventType.REQUESTED);
    }

    /** This transition followed by the one the next step makes from its state: their events and commands in order. */
    Transition then(Function<EpisodeState, Transition> next) {
        Transition after = next.apply(state.orElseThrow());
        List<NewEvent> allEvents = new ArrayList<>(events);
        allEvents.addAll(after.events());
        List<EpisodeCommand> allCommands = new ArrayList<>(commands);
        allCommands.addAll(after.commands());
        return new Transition(after.state(), allEvents, allCommands);
    }
}
