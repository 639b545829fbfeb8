package io.noesis.approval.api;

import io.noesis.approval.kafka.ConsumerLoop;
import io.noesis.schemas.DecisionOutcome;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads every decision outcome written from the moment this instance starts, without a consumer group so
 * that each instance sees all of them, and hands each to the request waiting for its decision id.
 */
@ApplicationScoped
public class OutcomeListener {


    private final Map<String, CompletableFuture<DecisionOutcome>> awaited = new ConcurrentHashMap<>();
    private final String bootstrapServers;
    private final String registryUrl;
    private ConsumerLoop<DecisionOutcome> loop;

    OutcomeListener(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "noesis.registry.url") String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    /**
     * The future of a decision's outcome. Register before producing the decision: outcomes nobody awaits are
     * dropped, so one registered afterwards could miss a fast answer.
     */
    public CompletableFuture<DecisionOutcome> expect(String decisionId) {
        return awaited.computeIfAbsent(decisionId, id -> new CompletableFuture<>());
    }

    public void forget(String decisionId) {
        awaited.remove(decisionId);
    }

    void start(@Observes StartupEvent startup) {
        KafkaConsumer<String, DecisionOutcome> consumer = new KafkaConsumer<>(consumerConfig(),
                RegistrySerdes.keySerde().deserializer(),
                new RegistrySerdes(registryUrl).valueSerde(Topics.APPROVAL_OUTCOMES).deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.APPROVAL_OUTCOMES.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolving the end offsets now, not lazily at the first poll, so no outcome of a decision sent
        // after start-up can fall before the starting position.
        partitions.forEach(consumer::position);
        loop = new ConsumerLoop<>("decision-outcome-listener", consumer, this::complete);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        loop.stop();
    }

    private void complete(ConsumerRecord<String, DecisionOutcome> record) {
        if (record.value() == null) {
            return;
        }
        CompletableFuture<DecisionOutcome> waiting = awaited.remove(record.value().getDecisionId());
        if (waiting != null) {
            waiting.complete(record.value());
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "approval-service-outcome-listener");
        return config;
    }
}
