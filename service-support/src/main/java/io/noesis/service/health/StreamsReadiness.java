package io.noesis.service.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while Kafka Streams is RUNNING: before that (starting, rebalancing, or waiting for a broker
 * that is down) the state stores cannot answer queries. Liveness stays with Quarkus' own check, so a
 * service waiting for Kafka is not restarted in a loop.
 */
@Readiness
@ApplicationScoped
public class StreamsReadiness implements HealthCheck {

    private final KafkaStreams streams;

    public StreamsReadiness(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        return HealthCheckResponse.named("Kafka Streams state").status(state == KafkaStreams.State.RUNNING)
                .withData("state", state.name()).build();
    }
}
