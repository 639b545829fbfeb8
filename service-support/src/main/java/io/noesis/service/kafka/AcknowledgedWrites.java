package io.noesis.service.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Settings of a producer whose every write a request waits for: sent at once, acknowledged by all in-sync
 * replicas, never duplicated by a retry, and given up within the time budget instead of holding the request longer.
 */
public final class AcknowledgedWrites {

    public static Map<String, Object> producerConfig(String bootstrapServers, String clientId, Duration budget) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        // A request waits for its one record: sent at once, not after Kafka 4's 5 ms default linger. Records
        // sent while a request is in flight still go together in the next one.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // Kafka wants delivery.timeout >= linger + request.timeout: half the budget per request satisfies it.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) budget.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) budget.dividedBy(2).toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, budget.toMillis());
        return config;
    }

    private AcknowledgedWrites() {
    }
}
