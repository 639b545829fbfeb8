package io.noesis.episode.api;

import io.noesis.schemas.EpisodeRequest;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes episode requests to the public entry topic, exactly as any other client would, and waits for
 * the broker's acknowledgement so that a 202 means the request is durable.
 */
@ApplicationScoped
public class EpisodeRequestPublisher {

    private final KafkaProducer<String, EpisodeRequest> producer;
    private final Duration ackTimeout;

    public EpisodeRequestPublisher(RegistrySerdes serdes,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "noesis.episode.publish-timeout", defaultValue = "PT10S") Duration ackTimeout) {
        this.ackTimeout = ackTimeout;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "noesis-episode-service-requests",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, ackTimeout.toMillis()),
                RegistrySerdes.keySerde().serializer(), serdes.valueSerde(Topics.EPISODE_REQUESTS).serializer());
    }

    public void publish(String episodeId, EpisodeRequest request) {
        try {
            producer.send(new ProducerRecord<>(Topics.EPISODE_REQUESTS.name(), episodeId, request))
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestNotPublishedException(episodeId, e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new RequestNotPublishedException(episodeId, e);
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
