package io.noesis.audit.streams;

import io.noesis.audit.domain.RetentionRule;
import io.noesis.schemas.Topic;
import io.noesis.schemas.Topics;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Refuses to run against topics that do not keep every record forever: the audit log would silently lose
 * links, and a replay would miss source records. The check waits for the broker and the topics on a thread
 * of its own, so a service started while the broker is down stays alive and waits; it is not ready until
 * the check has passed, and it exits when the check finds a topic that forgets.
 */
@Readiness
@ApplicationScoped
public class AuditedTopicsCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(AuditedTopicsCheck.class);
    private static final long TIMEOUT_SECONDS = 30;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    /** The audit log and every topic the trail is built from. */
    public static final List<String> AUDITED_TOPICS = Topics.ALL.stream()
            .filter(topic -> topic != Topics.DEAD_LETTERS).map(Topic::name).toList();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private volatile boolean passed;

    void onStart(@Observes StartupEvent start) {
        Thread check = new Thread(this::checkOnceTheTopicsAnswer, "audited-topics-check");
        check.setDaemon(true);
        check.start();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Audited topics keep every record").status(passed).build();
    }

    private void checkOnceTheTopicsAnswer() {
        while (true) {
            try {
                List<String> violations = violations(bootstrapServers, AUDITED_TOPICS);
                if (violations.isEmpty()) {
                    passed = true;
                } else {
                    LOG.errorf("Refusing to run: the audit needs topics that keep every record forever, but %s",
                            String.join("; ", violations));
                    Quarkus.asyncExit(1);
                }
                return;
            } catch (IllegalStateException notYet) {
                LOG.infof("Waiting for the broker and the audited topics: %s", notYet.getMessage());
                if (!pause()) {
                    return;
                }
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(RETRY_AFTER.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Reads the topics' settings from the broker and tells what is wrong with them. */
    public static List<String> violations(String bootstrapServers, Collection<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                            .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList())
                    .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return configs.entrySet().stream()
                    .flatMap(topic -> RetentionRule.violations(topic.getKey().name(), settings(topic.getValue())).stream())
                    .sorted().toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking the audited topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot check the audited topics " + topics + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> settings(Config config) {
        return config.entries().stream().filter(entry -> entry.value() != null)
                .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
    }
}
