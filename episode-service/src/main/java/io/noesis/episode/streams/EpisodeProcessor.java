package io.noesis.episode.streams;

import io.noesis.episode.domain.EpisodeInput;
import io.noesis.episode.domain.EpisodeLifecycle;
import io.noesis.episode.domain.EpisodeState;
import io.noesis.episode.domain.NewEvent;
import io.noesis.episode.domain.Transition;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.service.streams.PromptCommit;
import io.noesis.service.tracing.TraceHeaders;
import io.opentelemetry.api.trace.Tracer;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies each input to its episode through the lifecycle, keeps the stores in step, and forwards the
 * new events and commands. Under exactly_once_v2 the stores' changelogs and the outputs commit together.
 */
class EpisodeProcessor implements Processor<String, EpisodeInput, String, SpecificRecord> {

    /** Rounds on their way to the approvers' queue, and the requests that may become one, are committed promptly. */
    private static final PromptCommit ROUNDS = new PromptCommit();
    private static final PromptCommit NEW_EPISODES = new PromptCommit();

    private final EpisodeLifecycle lifecycle;
    private final Tracer tracer;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, EpisodeState> episodes;
    private KeyValueStore<String, EpisodeEvent> events;
    private KeyValueStore<String, String> index;
    private KeyValueStore<String, String> traces;

    EpisodeProcessor(EpisodeLifecycle lifecycle, Tracer tracer) {
        this.lifecycle = lifecycle;
        this.tracer = tracer;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        episodes = context.getStateStore(EpisodeStores.EPISODES);
        events = context.getStateStore(EpisodeStores.EPISODE_EVENTS);
        index = context.getStateStore(EpisodeStores.EPISODE_INDEX);
        traces = context.getStateStore(EpisodeStores.EPISODE_TRACES);
    }

    @Override
    public void process(Record<String, EpisodeInput> input) {
        String episodeId = input.key();
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Optional<EpisodeState> current = Optional.ofNullable(episodes.get(episodeId));
        Transition transition = lifecycle.apply(episodeId, current, input.value(), now);
        Headers trace = episodeTrace(episodeId, input.headers());
        for (NewEvent event : transition.events()) {
            append(episodeId, envelope(episodeId, event, now), input.timestamp(), trace);
        }
        transition.state().ifPresent(state -> {
            save(state, current.isEmpty());
            TraceHeaders.traceparent(trace).ifPresent(traceparent -> traces.putIfAbsent(episodeId, traceparent));
        });
        for (EpisodeCommand command : transition.commands()) {
            context.forward(new Record<>(episodeId, command, input.timestamp(), TraceHeaders.copyOf(trace)));
        }
        if (transition.awaitsApproval()) {
            ROUNDS.request(context);
        }
        if (transition.startsEpisode()) {
            // The policies have yet to say whether a person is needed: a lone request may be a round.
            NEW_EPISODES.request(context);
        }
    }

    /**
     * The trace every record written for the episode continues: the one its request came with (or that was
     * started for it), so that the episode's log is one trace even where a decision or an agent's report
     * arrives in a trace of its own.
     */
    private Headers episodeTrace(String episodeId, Headers input) {
        String known = traces.get(episodeId);
        if (known != null) {
            return TraceHeaders.of(known);
        }
        Headers trace = TraceHeaders.copyOf(input);
        if (!TraceHeaders.hasTraceContext(trace)) {
            TraceHeaders.startTrace(tracer, "episode " + episodeId, trace);
        }
        return trace;
    }

    private void append(String episodeId, EpisodeEvent event, long timestamp, Headers trace) {
        if (event.getSequence() != NewEvent.NO_EPISODE) {
            events.put(EpisodeStores.eventKey(episodeId, event.getSequence()), event);
        }
        context.forward(new Record<>(episodeId, event, timestamp, TraceHeaders.copyOf(trace)));
    }

    private void save(EpisodeState state, boolean isNew) {
        if (isNew) {
            index.put(EpisodeStores.indexKey(state.createdAt().toEpochMilli(), state.episodeId()), state.episodeId());
        }
        episodes.put(state.episodeId(), state);
    }

    private EpisodeEvent envelope(String episodeId, NewEvent event, Instant now) {
        return EpisodeEvent.newBuilder()
                .setEventId(eventId(episodeId, event))
                .setEpisodeId(episodeId)
                .setSequence(event.sequence())
                .setType(event.type())
                .setTime(now)
                .setSource(event.source())
                .setPayload(event.payload())
                .build();
    }

    /**
     * Deterministic, so a reprocessed input yields the same ids. Events outside any episode's log have
     * no sequence of their own and are named after the input record's position instead.
     */
    private String eventId(String episodeId, NewEvent event) {
        if (event.sequence() != NewEvent.NO_EPISODE) {
            return episodeId + "-" + event.sequence();
        }
        RecordMetadata position = context.recordMetadata().orElseThrow();
        return episodeId + "-refused-" + position.topic() + "-" + position.partition() + "-" + position.offset();
    }
}
