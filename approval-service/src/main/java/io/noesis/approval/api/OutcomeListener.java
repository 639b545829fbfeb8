package io.noesis.approval.api;

import io.noesis.approval.kafka.ConsumerLoop;
import io.noesis.schemas.DecisionOutcome;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads every decision outcome written from the moment this instance starts, without a consumer group so
 * that each instance sees all of them, and hands each to the request waiting for its decision id.
 */
@ApplicationScoped
public class OutcomeListener {

    private static final Logger LOG = Logger.getLogger(OutcomeListener.class);
    private static final Duration BROKER_WAIT = Duration.ofSeconds(5);

    private final Map<String, CompletableFuture<DecisionOutcome>> awaited = new ConcurrentHashMap<>();
    private final String bootstrapServers;
    private final String registryUrl;
    private volatile ConsumerLoop<DecisionOutcome> loop;
    private volatile boolean stopping;

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

    /**
     * Positions the listener on a thread of its own: a service started while the broker is down, or before
     * the topic exists, must still start (alive, not ready) and wait here rather than fail its start-up.
     */
    void start(@Observes StartupEvent startup) {
        Thread positioning = new Thread(this::listenFromNow, "decision-outcome-listener-start");
        positioning.setDaemon(true);
        positioning.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        stopping = true;
        if (loop != null) {
            loop.stop();
        }
    }

    private void listenFromNow() {
        KafkaConsumer<String, DecisionOutcome> consumer = new KafkaConsumer<>(consumerConfig(),
                RegistrySerdes.keySerde().deserializer(),
                new RegistrySerdes(registryUrl).valueSerde(Topics.APPROVAL_OUTCOMES).deserializer());
        while (!stopping) {
            try {
                if (positionedAtTheEnd(consumer)) {
                    loop = new ConsumerLoop<>("decision-outcome-listener", consumer, this::complete);
                    return;
                }
                Thread.sleep(BROKER_WAIT.toMillis());
            } catch (TimeoutException brokerNotAnswering) {
                LOG.debugf("Decision outcome listener waits for the broker: %s", brokerNotAnswering.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        consumer.close();
    }

    /** False while the topic does not exist yet; TimeoutException while the broker does not answer. */
    private static boolean positionedAtTheEnd(KafkaConsumer<String, DecisionOutcome> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.APPROVAL_OUTCOMES.name(), BROKER_WAIT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        if (partitions.isEmpty()) {
            return false;
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolving the end offsets now, not lazily at the first poll, so no outcome of a decision sent
        // after this can fall before the starting position.
        partitions.forEach(partition -> consumer.position(partition, BROKER_WAIT));
        return true;
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
