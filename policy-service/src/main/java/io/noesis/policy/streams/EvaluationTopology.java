package io.noesis.policy.streams;

import io.noesis.policy.domain.PolicyEngine;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeRequested;
import io.noesis.schemas.PolicyEvaluation;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Evaluates every requested episode: REQUESTED events in, one policy evaluation per request out. */
@ApplicationScoped
public class EvaluationTopology {

    @Produces
    Topology topology(PolicyEngine engine, @ConfigProperty(name = "noesis.registry.url") String registryUrl) {
        return build(engine, new RegistrySerdes(registryUrl));
    }

    public static Topology build(PolicyEngine engine, RegistrySerdes serdes) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.EPISODE_EVENTS.name(),
                        Consumed.with(RegistrySerdes.keySerde(), serdes.valueSerde(Topics.EPISODE_EVENTS))
                                .withName("episode-events"))
                .filter((episodeId, event) -> isRequest(event), Named.as("requests-only"))
                .mapValues(event -> evaluate(engine, event), Named.as("evaluate"))
                .to(Topics.POLICY_EVALUATIONS.name(),
                        Produced.with(RegistrySerdes.keySerde(), serdes.valueSerde(Topics.POLICY_EVALUATIONS))
                                .withName("policy-evaluations"));
        return builder.build();
    }

    private static boolean isRequest(EpisodeEvent event) {
        return event != null && event.getType() == EpisodeEventType.REQUESTED
                && event.getPayload() instanceof EpisodeRequested;
    }

    private static PolicyEvaluation evaluate(PolicyEngine engine, EpisodeEvent event) {
        EpisodeRequested requested = (EpisodeRequested) event.getPayload();
        return EvaluationRecords.evaluationOf(event, engine.evaluate(
                EvaluationRecords.contextOf(requested), EvaluationRecords.selectionOf(requested.getIntuition())));
    }
}
