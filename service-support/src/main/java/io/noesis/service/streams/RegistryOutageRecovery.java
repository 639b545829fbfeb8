package io.noesis.service.streams;

import io.noesis.schemas.serde.RegistryOutage;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stream thread's death means (Quarkus hands this bean to every service's Kafka Streams). A thread
 * that died because the schema registry was unreachable is replaced: the new one reads again from the last
 * commit, so the record it could not read is neither lost nor dead-lettered. Any other failure stops the
 * client, as Kafka Streams does by default, and liveness reports it.
 */
@ApplicationScoped
public class RegistryOutageRecovery implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryOutageRecovery.class);

    @Override
    public StreamThreadExceptionResponse handle(Throwable failure) {
        if (RegistryOutage.isCauseOf(failure)) {
            LOG.warn("A stream thread stopped because the schema registry is unreachable; replacing it");
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("A stream thread failed; stopping Kafka Streams", failure);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
}
