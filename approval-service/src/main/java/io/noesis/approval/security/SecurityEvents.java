package io.noesis.approval.security;

import io.noesis.approval.ApprovalConfig;
import io.noesis.schemas.SecurityEvent;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import io.noesis.service.kafka.AcknowledgedWrites;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Writes refused requests to noesis.security.events for the audit trail. Each write waits for the broker's
 * acknowledgement, as the trail promises that a refusal is in it once the caller has its answer; a write
 * that fails is logged and reported, never thrown, since the refusal stands whether or not it was recorded.
 */
@ApplicationScoped
public class SecurityEvents {

    private static final Logger LOG = Logger.getLogger(SecurityEvents.class);

    private final KafkaProducer<String, SecurityEvent> producer;

    @Inject
    SecurityEvents(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "noesis.registry.url") String registryUrl, ApprovalConfig settings) {
        this(bootstrapServers, registryUrl, settings.producerTimeout());
    }

    SecurityEvents(String bootstrapServers, String registryUrl, Duration budget) {
        producer = new KafkaProducer<>(
                AcknowledgedWrites.producerConfig(bootstrapServers, "approval-service-security-events", budget),
                RegistrySerdes.keySerde().serializer(),
                new RegistrySerdes(registryUrl).valueSerde(Topics.SECURITY_EVENTS).serializer());
    }

    /** Writes the event and waits for the acknowledgement; false, with the failure logged, when it was not written. */
    public boolean record(SecurityEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.SECURITY_EVENTS.name(), keyOf(event), event)).get();
            return true;
        } catch (ExecutionException failure) {
            return lost(event, failure.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return lost(event, interrupted);
        } catch (RuntimeException failure) {
            // The registry client's serializer throws its own exceptions, not only Kafka's.
            return lost(event, failure);
        }
    }

    /** The claimed episode, so that the event joins that episode's trail; the event's own id when it claims none. */
    static String keyOf(SecurityEvent event) {
        return event.getClaimedEpisodeId() != null ? event.getClaimedEpisodeId() : event.getEventId();
    }

    private static boolean lost(SecurityEvent event, Throwable failure) {
        // Only the event's own fields: they are bounded and hold no secret, unlike the request they describe.
        LOG.errorf("Security event %s (%s: %s) could not be written to %s and is missing from the audit trail: %s",
                event.getEventId(), event.getKind(), event.getDetail(), Topics.SECURITY_EVENTS.name(), failure);
        return false;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
