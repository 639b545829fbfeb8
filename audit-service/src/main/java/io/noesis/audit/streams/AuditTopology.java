package io.noesis.audit.streams;

import io.noesis.audit.domain.AuditEntry;
import io.noesis.audit.domain.ChainLink;
import io.noesis.audit.domain.ChainState;
import io.noesis.audit.domain.CommandNarrator;
import io.noesis.audit.domain.DecisionNarrator;
import io.noesis.audit.domain.EpisodeEventNarrator;
import io.noesis.audit.domain.EvaluationNarrator;
import io.noesis.audit.domain.Narrator;
import io.noesis.audit.domain.OutcomeNarrator;
import io.noesis.audit.domain.ReportNarrator;
import io.noesis.audit.domain.RequestNarrator;
import io.noesis.schemas.Topic;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads every topic of the system, tells each record as an audit entry, funnels all entries into one
 * partition (a hash chain has one order) and chains them onto the audit log.
 */
@ApplicationScoped
public class AuditTopology {

    public static final String CHAIN_STORE = "audit-chain";
    public static final String TRAIL_STORE = "audit-trail";

    @Produces
    Topology topology(@ConfigProperty(name = "noesis.registry.url") String registryUrl) {
        return build(new RegistrySerdes(registryUrl));
    }

    public static Topology build(RegistrySerdes serdes) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CHAIN_STORE),
                Serdes.String(), JsonSerdes.of(ChainState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TRAIL_STORE),
                Serdes.String(), JsonSerdes.of(ChainLink.class)));
        narrated(builder, serdes, Topics.EPISODE_REQUESTS, new RequestNarrator())
                .merge(narrated(builder, serdes, Topics.EPISODE_EVENTS, new EpisodeEventNarrator()))
                .merge(narrated(builder, serdes, Topics.POLICY_EVALUATIONS, new EvaluationNarrator()))
                .merge(narrated(builder, serdes, Topics.APPROVAL_DECISIONS, new DecisionNarrator()))
                .merge(narrated(builder, serdes, Topics.APPROVAL_OUTCOMES, new OutcomeNarrator()))
                .merge(narrated(builder, serdes, Topics.EPISODE_COMMANDS, new CommandNarrator()))
                .merge(narrated(builder, serdes, Topics.AGENT_REPORTS, new ReportNarrator()))
                .repartition(Repartitioned.with(RegistrySerdes.keySerde(), JsonSerdes.of(AuditEntry.class))
                        .withNumberOfPartitions(1)
                        .withName("audit-entries"))
                .process(ChainingProcessor::new, Named.as("chain"), CHAIN_STORE, TRAIL_STORE)
                .to(Topics.AUDIT_LOG.name(),
                        Produced.with(RegistrySerdes.keySerde(), serdes.valueSerde(Topics.AUDIT_LOG))
                                .withName("audit-log"));
        return builder.build();
    }

    private static <V> KStream<String, AuditEntry> narrated(StreamsBuilder builder, RegistrySerdes serdes,
            Topic<V> topic, Narrator<V> narrator) {
        return builder.stream(topic.name(),
                        Consumed.with(RegistrySerdes.keySerde(), serdes.valueSerde(topic)).withName("read-" + topic.name()))
                .process(() -> new NarratingProcessor<>(narrator), Named.as("narrate-" + topic.name()));
    }
}
