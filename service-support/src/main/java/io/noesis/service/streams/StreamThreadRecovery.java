package io.noesis.service.streams;

import io.noesis.schemas.serde.RegistryOutage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stream thread's death means (Quarkus hands this bean to every service's Kafka Streams).
 * <ul>
 * <li>The schema registry was unreachable: the thread is replaced, however often, and the new one reads
 * again from the last commit, so the record it could not read is neither lost nor dead-lettered.</li>
 * <li>A Kafka client failed, such as a producer the broker answered UNKNOWN_SERVER_ERROR to while it
 * restarted: the client cannot be used again, so the thread is replaced. Its tasks are closed dirty, which
 * under exactly-once wipes their stores; the new thread restores them from the changelogs and reads again
 * from the last commit, so the aborted transaction leaves nothing behind. A broker that keeps failing is
 * not a blip: past {@value #KAFKA_REPLACEMENTS} replacements within {@link #KAFKA_REPLACEMENT_WINDOW}
 * the client stops.</li>
 * <li>Anything else is a bug in a processor, which a new thread would meet again: the client stops, as
 * Kafka Streams does by default, and liveness reports it.</li>
 * </ul>
 */
@ApplicationScoped
public class StreamThreadRecovery implements StreamsUncaughtExceptionHandler {

    static final int KAFKA_REPLACEMENTS = 10;
    static final Duration KAFKA_REPLACEMENT_WINDOW = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadRecovery.class);

    private final Clock clock;
    private final Deque<Instant> kafkaReplacements = new ArrayDeque<>();

    @Inject
    public StreamThreadRecovery() {
        this(Clock.systemUTC());
    }

    StreamThreadRecovery(Clock clock) {
        this.clock = clock;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable failure) {
        if (RegistryOutage.isCauseOf(failure)) {
            LOG.warn("A stream thread stopped because the schema registry is unreachable; replacing it");
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        if (isKafkaClientFailure(failure) && mayReplaceAgain()) {
            LOG.warn("A stream thread's Kafka client failed; replacing the thread, which restores its tasks"
                    + " from the changelogs", failure);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("A stream thread failed; stopping Kafka Streams", failure);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** Kafka Streams wraps what failed in StreamsExceptions; a Kafka client's own exception below them counts. */
    static boolean isKafkaClientFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KafkaException && !(cause instanceof StreamsException)) {
                return true;
            }
        }
        return false;
    }

    private synchronized boolean mayReplaceAgain() {
        Instant now = clock.instant();
        while (!kafkaReplacements.isEmpty()
                && kafkaReplacements.peekFirst().isBefore(now.minus(KAFKA_REPLACEMENT_WINDOW))) {
            kafkaReplacements.removeFirst();
        }
        if (kafkaReplacements.size() >= KAFKA_REPLACEMENTS) {
            return false;
        }
        kafkaReplacements.addLast(now);
        return true;
    }
}
