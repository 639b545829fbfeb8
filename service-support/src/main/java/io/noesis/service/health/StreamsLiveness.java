package io.noesis.service.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive unless Kafka Streams has failed for good (ERROR). Waiting for a broker or a rebalance is not
 * a reason to be restarted, so Quarkus' own Kafka Streams liveness check, which is DOWN whenever
 * Streams is not RUNNING, is turned off in the shared configuration.
 */
@Liveness
@ApplicationScoped
public class StreamsLiveness implements HealthCheck {

    private final KafkaStreams streams;

    public StreamsLiveness(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        return HealthCheckResponse.named("Kafka Streams alive").status(state != KafkaStreams.State.ERROR)
                .withData("state", state.name()).build();
    }
}
