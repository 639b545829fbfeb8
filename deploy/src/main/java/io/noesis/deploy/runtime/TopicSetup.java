package io.noesis.deploy.runtime;

import io.noesis.schemas.Topic;
import io.noesis.schemas.TopicSettings;
import io.noesis.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the catalogue's topics with their retention and cleanup policy, and with the partitions,
 * replication and minimum in-sync replicas of the given settings; existing topics are left as they are.
 */
public final class TopicSetup {

    public static void createAll(String bootstrapServers, TopicSettings settings) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(topic -> newTopic(topic, settings))
                    .toList();
            admin.createTopics(missing).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Creating topics failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static NewTopic newTopic(Topic<?> topic, TopicSettings settings) {
        return new NewTopic(topic.name(), settings.partitions(topic), settings.replicationFactor())
                .configs(settings.topicConfigs(topic));
    }

    private TopicSetup() {
    }
}
