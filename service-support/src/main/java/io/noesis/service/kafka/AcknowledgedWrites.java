package io.noesis.service.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Settings of a producer whose every write a request waits for: acknowledged by all in-sync replicas, never
 * duplicated by a retry, and given up within the time budget instead of holding the request longer.
 */
public final class AcknowledgedWrites {

    public static Map<String, Object> producerConfig(String bootstrapServers, String clientId, Duration budget) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        // Kafka wants delivery.timeout >= linger + request.timeout: half the budget per request satisfies it.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) budget.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) budget.dividedBy(2).toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, budget.toMillis());
        return config;
    }

    private AcknowledgedWrites() {
    }
}
