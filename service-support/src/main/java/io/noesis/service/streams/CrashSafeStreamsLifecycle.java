package io.noesis.service.streams;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import java.nio.file.Path;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Applies {@link CrashSafeLocalState} to the Kafka Streams client Quarkus runs: its start observer has the
 * default priority, so this one runs before it, while the client is created but not started; and its stop
 * observer closes the client before this one looks at how it ended.
 */
@ApplicationScoped
class CrashSafeStreamsLifecycle {

    private final Instance<KafkaStreams> streams;
    private final Path stateDir;
    private final String applicationId;
    private CrashSafeLocalState localState;

    CrashSafeStreamsLifecycle(Instance<KafkaStreams> streams,
            @ConfigProperty(name = "kafka-streams.state.dir") Path stateDir,
            @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId) {
        this.streams = streams;
        this.stateDir = stateDir;
        this.applicationId = applicationId;
    }

    void beforeStreamsStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) StartupEvent startup) {
        if (streams.isResolvable()) {
            localState = new CrashSafeLocalState(streams.get(), stateDir, applicationId);
            localState.beforeStart();
        }
    }

    void afterStreamsClose(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) ShutdownEvent shutdown) {
        if (localState != null) {
            localState.afterClose();
        }
    }
}
