package io.noesis.approval.api;

import io.noesis.approval.ApprovalConfig;
import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.DecisionChannel;
import io.noesis.schemas.DecisionKind;
import io.noesis.schemas.DecisionOutcome;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import io.noesis.service.kafka.AcknowledgedWrites;
import io.noesis.service.tracing.TraceHeaders;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Writes decisions to noesis.approval.decisions and waits for the topology's outcome of each. */
@ApplicationScoped
public class DecisionGateway {

    private final KafkaProducer<String, ApprovalDecision> producer;
    private final OutcomeListener outcomes;

    DecisionGateway(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "noesis.registry.url") String registryUrl,
            ApprovalConfig settings, OutcomeListener outcomes) {
        this.outcomes = outcomes;
        Map<String, Object> config = AcknowledgedWrites.producerConfig(bootstrapServers, "approval-service-decisions",
                settings.producerTimeout());
        producer = new KafkaProducer<>(config, RegistrySerdes.keySerde().serializer(),
                new RegistrySerdes(registryUrl).valueSerde(Topics.APPROVAL_DECISIONS).serializer());
    }

    /** A decision to submit; the approver and groups must come from a verified identity, never from a request body. */
    public static ApprovalDecision decision(String decisionId, String episodeId, DecisionKind kind, String approver,
            List<String> approverGroups, String reason, DecisionChannel channel) {
        return ApprovalDecision.newBuilder()
                .setDecisionId(decisionId)
                .setEpisodeId(episodeId)
                .setOutcome(kind)
                .setApprover(approver)
                .setApproverGroups(approverGroups)
                .setReason(reason)
                .setChannel(channel)
                .setDecidedAt(Instant.now())
                .build();
    }

    /** Records the decision and returns its outcome, or empty when the outcome does not arrive within the wait. */
    public Optional<DecisionOutcome> submit(ApprovalDecision decision, Duration wait) {
        CompletableFuture<DecisionOutcome> outcome = outcomes.expect(decision.getDecisionId());
        try {
            record(decision);
            // Completed with null when the wait is over: the outcome is not known yet.
            return Optional.ofNullable(outcome.completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS).join());
        } finally {
            outcomes.forget(decision.getDecisionId());
        }
    }

    private void record(ApprovalDecision decision) {
        try {
            // The approver's request's trace context goes with the decision, and on to its outcome and command.
            producer.send(new ProducerRecord<>(Topics.APPROVAL_DECISIONS.name(), null, decision.getEpisodeId(), decision,
                    TraceHeaders.current())).get();
        } catch (ExecutionException e) {
            throw new DecisionNotRecordedException(e.getCause());
        } catch (KafkaException e) {
            throw new DecisionNotRecordedException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DecisionNotRecordedException(e);
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
