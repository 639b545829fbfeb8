package io.noesis.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.noesis.schemas.deadletter.DeadLetterListener;
import io.noesis.schemas.deadletter.DeadLetters;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Counts the records this service sends to the dead-letter topic, by source topic and consumer, as
 * {@code noesis_dead_letters_total} at /q/metrics: an alert on it tells operators that someone writes
 * records the system cannot read.
 */
@ApplicationScoped
public class DeadLetterMetrics {

    static final String METER = "noesis.dead.letters";

    private final MeterRegistry registry;
    private final String service;
    private final DeadLetterListener listener = this::count;

    public DeadLetterMetrics(MeterRegistry registry, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.registry = registry;
        this.service = service;
    }

    /** Before Kafka Streams starts, so that no dead letter goes uncounted. */
    void listen(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started) {
        DeadLetters.addListener(listener);
    }

    void stopListening(@Observes ShutdownEvent stopping) {
        DeadLetters.removeListener(listener);
    }

    private void count(String consumer, String sourceTopic) {
        Counter.builder(METER)
                .description("Records sent to the dead-letter topic because they could not be read")
                .tag("service", service)
                .tag("consumer", consumer)
                .tag("topic", sourceTopic)
                .register(registry)
                .increment();
    }
}
