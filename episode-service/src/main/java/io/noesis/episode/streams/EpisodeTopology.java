package io.noesis.episode.streams;

import io.noesis.episode.domain.EpisodeInput;
import io.noesis.episode.domain.EpisodeLifecycle;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.Topic;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The episode log: requests, policy evaluations, commands and agent reports, all keyed by episode id,
 * merged into one stream and folded by the lifecycle into events and the commands it issues (START, RESUME).
 */
@ApplicationScoped
public class EpisodeTopology {

    @Produces
    public Topology topology(RegistrySerdes serdes, EpisodeLifecycle lifecycle, Tracer tracer) {
        return build(serdes, lifecycle, tracer);
    }

    /** Without tracing: records that come without a trace context get none. */
    public static Topology build(RegistrySerdes serdes, EpisodeLifecycle lifecycle) {
        return build(serdes, lifecycle, OpenTelemetry.noop().getTracer(EpisodeTopology.class.getName()));
    }

    public static Topology build(RegistrySerdes serdes, EpisodeLifecycle lifecycle, Tracer tracer) {
        StreamsBuilder builder = new StreamsBuilder();
        addStores(builder, serdes);
        KStream<String, EpisodeInput> inputs = input(builder, serdes, Topics.EPISODE_REQUESTS, EpisodeInput.Request::new)
                .merge(input(builder, serdes, Topics.POLICY_EVALUATIONS, EpisodeInput.Evaluation::new))
                .merge(input(builder, serdes, Topics.EPISODE_COMMANDS, EpisodeInput.Command::new))
                .merge(input(builder, serdes, Topics.AGENT_REPORTS, EpisodeInput.Report::new));
        KStream<String, SpecificRecord> outputs = inputs.process(() -> new EpisodeProcessor(lifecycle, tracer),
                EpisodeStores.EPISODES, EpisodeStores.EPISODE_EVENTS, EpisodeStores.EPISODE_INDEX,
                EpisodeStores.EPISODE_TRACES);
        outputs.split()
                .branch((episodeId, output) -> output instanceof EpisodeEvent, Branched.withConsumer(events -> events
                        .mapValues(EpisodeEvent.class::cast)
                        .to(Topics.EPISODE_EVENTS.name(), produced(serdes, Topics.EPISODE_EVENTS))))
                .defaultBranch(Branched.withConsumer(commands -> commands
                        .mapValues(EpisodeCommand.class::cast)
                        .to(Topics.EPISODE_COMMANDS.name(), produced(serdes, Topics.EPISODE_COMMANDS))));
        return builder.build();
    }

    private static void addStores(StreamsBuilder builder, RegistrySerdes serdes) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EpisodeStores.EPISODES),
                Serdes.String(), EpisodeStores.stateSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EpisodeStores.EPISODE_EVENTS),
                Serdes.String(), serdes.valueSerde(Topics.EPISODE_EVENTS)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EpisodeStores.EPISODE_INDEX),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EpisodeStores.EPISODE_TRACES),
                Serdes.String(), Serdes.String()));
    }

    /**
     * One input topic as domain inputs. Records without a key, tombstones and records of another type are
     * refused by the serdes and so go to the dead-letter topic with their original bytes.
     */
    private static <V> KStream<String, EpisodeInput> input(StreamsBuilder builder, RegistrySerdes serdes, Topic<V> topic,
            Function<V, EpisodeInput> toInput) {
        return builder.stream(topic.name(), Consumed.with(RegistrySerdes.episodeKeySerde(), serdes.valueSerde(topic)))
                .mapValues(toInput::apply);
    }

    private static <V> Produced<String, V> produced(RegistrySerdes serdes, Topic<V> topic) {
        return Produced.with(RegistrySerdes.keySerde(), serdes.valueSerde(topic));
    }
}
