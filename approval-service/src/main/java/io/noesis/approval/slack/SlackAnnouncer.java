package io.noesis.approval.slack;

import com.slack.api.methods.SlackApiException;
import io.noesis.approval.domain.PendingApproval;
import io.noesis.approval.streams.AvroMapping;
import io.noesis.approval.kafka.ConsumerLoop;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Posts every round that starts awaiting approval to Slack. A consumer group of its own shares the episode
 * log's partitions among the instances, so each round is announced by one of them.
 */
@ApplicationScoped
public class SlackAnnouncer {

    private static final Logger LOG = Logger.getLogger(SlackAnnouncer.class);
    private static final String GROUP = "noesis-approval-slack";

    private final SlackSettings settings;
    private final SlackMessages messages;
    private final String bootstrapServers;
    private final String registryUrl;
    private ConsumerLoop<EpisodeEvent> loop;

    SlackAnnouncer(SlackSettings settings, SlackMessages messages,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "noesis.registry.url") String registryUrl) {
        this.settings = settings;
        this.messages = messages;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    void start(@Observes StartupEvent startup) {
        if (!settings.enabled()) {
            return;
        }
        KafkaConsumer<String, EpisodeEvent> consumer = new KafkaConsumer<>(consumerConfig(),
                RegistrySerdes.keySerde().deserializer(),
                new RegistrySerdes(registryUrl).valueSerde(Topics.EPISODE_EVENTS).deserializer());
        consumer.subscribe(List.of(Topics.EPISODE_EVENTS.name()));
        loop = new ConsumerLoop<>("slack-announcer", consumer, this::announce, true);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
    }

    private void announce(ConsumerRecord<String, EpisodeEvent> record) {
        if (record.value() == null || !AvroMapping.opensRound(record.value())) {
            return;
        }
        PendingApproval round = AvroMapping.pendingApproval(record.value());
        if (round.isOverdue(Instant.now())) {
            // A first start reads the whole log: rounds long expired are not worth a message.
            return;
        }
        try {
            messages.announce(round);
        } catch (IOException | SlackApiException | IllegalStateException failure) {
            LOG.warnf("Episode %s could not be announced in Slack: %s", record.key(), failure.getMessage());
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }
}
