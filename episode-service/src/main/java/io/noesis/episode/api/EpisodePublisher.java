package io.noesis.episode.api;

import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeRequest;
import io.noesis.schemas.Topic;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import io.noesis.service.kafka.AcknowledgedWrites;
import io.noesis.service.tracing.TraceHeaders;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes what the API accepts to the public topics, exactly as any other client would, and waits for
 * the broker's acknowledgement so that a 202 means the record is durable.
 */
@ApplicationScoped
public class EpisodePublisher {

    private final KafkaProducer<String, byte[]> producer;
    private final Serializer<EpisodeRequest> requests;
    private final Serializer<EpisodeCommand> commands;
    private final Duration ackTimeout;

    public EpisodePublisher(RegistrySerdes serdes,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "noesis.episode.publish-timeout", defaultValue = "PT10S") Duration ackTimeout) {
        this.ackTimeout = ackTimeout;
        this.requests = serdes.valueSerde(Topics.EPISODE_REQUESTS).serializer();
        this.commands = serdes.valueSerde(Topics.EPISODE_COMMANDS).serializer();
        this.producer = new KafkaProducer<>(
                AcknowledgedWrites.producerConfig(bootstrapServers, "noesis-episode-service-api", ackTimeout),
                RegistrySerdes.keySerde().serializer(), new ByteArraySerializer());
    }

    public void publish(String episodeId, EpisodeRequest request) {
        send(Topics.EPISODE_REQUESTS, episodeId, requests, request);
    }

    public void publish(String episodeId, EpisodeCommand command) {
        send(Topics.EPISODE_COMMANDS, episodeId, commands, command);
    }

    private <V> void send(Topic<V> topic, String episodeId, Serializer<V> serializer, V value) {
        try {
            // The request's trace context goes with the record, so the episode continues the caller's trace.
            producer.send(new ProducerRecord<>(topic.name(), null, episodeId, serializer.serialize(topic.name(), value),
                            TraceHeaders.current()))
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotPublishedException(topic.name(), episodeId, e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new NotPublishedException(topic.name(), episodeId, e);
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
