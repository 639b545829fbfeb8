package io.noesis.approval.slack;

import io.noesis.schemas.serde.RegistrySerdes;
import io.noesis.service.streams.CrashSafeLocalState;
import io.noesis.service.streams.StreamThreadRecovery;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.eclipse.microprofile.config.Config;

/**
 * Runs the Slack relay as a Kafka Streams application of its own: the instances share the episode log's
 * partitions, so each round is announced by one of them, and a slow or unreachable Slack never holds up
 * the judging of decisions in the service's main topology.
 */
@ApplicationScoped
public class SlackAnnouncer {

    static final String APPLICATION_ID = "noesis-approval-slack";
    private static final String STREAMS_PREFIX = "kafka-streams.";
    /** The shared configuration may still name the dead-letter handler under Kafka's older key. */
    private static final String DEPRECATED_HANDLER_KEY = "default.deserialization.exception.handler";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final SlackSettings settings;
    private final SlackMessages messages;
    private final Config config;
    private KafkaStreams streams;
    private CrashSafeLocalState localState;

    SlackAnnouncer(SlackSettings settings, SlackMessages messages, Config config) {
        this.settings = settings;
        this.messages = messages;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        if (!settings.enabled()) {
            return;
        }
        RegistrySerdes serdes = new RegistrySerdes(config.getValue("noesis.registry.url", String.class));
        Properties streamsConfig = streamsConfig();
        streams = new KafkaStreams(SlackRelay.topology(serdes, messages), streamsConfig);
        // Its own budget of thread replacements: the relay's failures say nothing of the main topology's.
        streams.setUncaughtExceptionHandler(new StreamThreadRecovery());
        localState = new CrashSafeLocalState(streams,
                Path.of(streamsConfig.getProperty(StreamsConfig.STATE_DIR_CONFIG)), APPLICATION_ID);
        localState.beforeStart();
        streams.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (streams != null) {
            streams.close(CLOSE_TIMEOUT);
            localState.afterClose();
        }
    }

    /** The service's Kafka Streams settings (exactly once, state directory, …) under an application id of its own. */
    private Properties streamsConfig() {
        Properties streamsConfig = new Properties();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(STREAMS_PREFIX)) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> streamsConfig.put(name.substring(STREAMS_PREFIX.length()), value));
            }
        }
        // Nobody queries the relay's store, and the main topology already dead-letters unreadable records.
        streamsConfig.remove(StreamsConfig.APPLICATION_SERVER_CONFIG);
        streamsConfig.remove(DEPRECATED_HANDLER_KEY);
        streamsConfig.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class);
        streamsConfig.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        streamsConfig.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.getValue("kafka.bootstrap.servers", String.class));
        return streamsConfig;
    }
}
