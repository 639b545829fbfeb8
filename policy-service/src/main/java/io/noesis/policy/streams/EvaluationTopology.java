package io.noesis.policy.streams;

import io.noesis.policy.domain.PolicyEngine;
import io.noesis.policy.domain.RequestContext;
import io.noesis.policy.rules.LiveRuleSet;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.function.Supplier;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Evaluates every requested episode and every action proposed mid-run: episode events in, one policy
 * evaluation per REQUESTED or ACTION_PROPOSED event out, with the rules in force when the event is read.
 */
@ApplicationScoped
public class EvaluationTopology {

    static final String REQUEST_CONTEXTS = "request-contexts";

    @Produces
    Topology topology(LiveRuleSet rules, @ConfigProperty(name = "noesis.registry.url") String registryUrl) {
        return build(rules::engine, new RegistrySerdes(registryUrl));
    }

    public static Topology build(Supplier<PolicyEngine> engines, RegistrySerdes serdes) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REQUEST_CONTEXTS),
                RegistrySerdes.keySerde(), new ObjectMapperSerde<>(RequestContext.class)));
        builder.stream(Topics.EPISODE_EVENTS.name(),
                        Consumed.with(RegistrySerdes.episodeKeySerde(), serdes.valueSerde(Topics.EPISODE_EVENTS))
                                .withName("episode-events"))
                .process(() -> new EvaluationProcessor(engines), Named.as("evaluate"), REQUEST_CONTEXTS)
                .to(Topics.POLICY_EVALUATIONS.name(),
                        Produced.with(RegistrySerdes.keySerde(), serdes.valueSerde(Topics.POLICY_EVALUATIONS))
                                .withName("policy-evaluations"));
        return builder.build();
    }
}
