package io.noesis.service.streams;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.noesis.testing.MovableClock;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class StreamThreadRecoveryTest {

    /** What the approval-service's thread died of when the broker came back from a SIGKILL. */
    private static final Throwable END_TXN_FAILURE = new StreamsException("Error encountered trying to commit a transaction",
            new KafkaException("Unhandled error in EndTxnResponse: The server experienced an unexpected error"));

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T01:46:55Z"));
    private final StreamThreadRecovery recovery = new StreamThreadRecovery(clock);

    @Test
    void aFailedKafkaClientIsReplaced() {
        assertEquals(REPLACE_THREAD, recovery.handle(END_TXN_FAILURE));
    }

    @Test
    void aBugInAProcessorStopsTheClient() {
        Throwable bug = new StreamsException("Exception caught in process", new IllegalStateException("no round"));

        assertEquals(SHUTDOWN_CLIENT, recovery.handle(bug));
    }

    @Test
    void aBrokerThatKeepsFailingStopsTheClientUntilTheWindowPasses() {
        for (int replaced = 0; replaced < StreamThreadRecovery.KAFKA_REPLACEMENTS; replaced++) {
            clock.advance(Duration.ofSeconds(30));
            assertEquals(REPLACE_THREAD, recovery.handle(END_TXN_FAILURE), "replacement " + (replaced + 1));
        }

        assertEquals(SHUTDOWN_CLIENT, recovery.handle(END_TXN_FAILURE), "one replacement past the budget");

        clock.advance(StreamThreadRecovery.KAFKA_REPLACEMENT_WINDOW);
        assertEquals(REPLACE_THREAD, recovery.handle(END_TXN_FAILURE), "the old replacements have left the window");
    }

    @Test
    void anUnreachableRegistryIsWaitedOutWithoutABudget() {
        Throwable outage = new StreamsException("Deserialization failed", new ConnectException("Connection refused"));

        for (int replaced = 0; replaced < 3 * StreamThreadRecovery.KAFKA_REPLACEMENTS; replaced++) {
            assertEquals(REPLACE_THREAD, recovery.handle(outage));
        }
        assertEquals(REPLACE_THREAD, recovery.handle(END_TXN_FAILURE), "registry outages spend no Kafka budget");
    }
}
