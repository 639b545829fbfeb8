package io.noesis.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.kiota.ApiException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class RegistryOutageTest {

    @Test
    void aRefusedConnectionDeepInTheChainIsAnOutage() {
        // The shape the registry client throws when nothing listens: wrapped three times.
        Throwable refused = new RuntimeException(new RuntimeException(new ExecutionException(
                new ConnectException("Connection refused"))));
        assertTrue(RegistryOutage.isCauseOf(new StreamsException("Deserialization failed", refused)));
    }

    @Test
    void aTimeoutIsAnOutage() {
        assertTrue(RegistryOutage.isCauseOf(new RuntimeException(new SocketTimeoutException("read timed out"))));
    }

    @Test
    void aServerErrorOrThrottlingIsAnOutage() {
        assertTrue(RegistryOutage.isCauseOf(new RuntimeException(answer(503))));
        assertTrue(RegistryOutage.isCauseOf(new RuntimeException(answer(429))));
    }

    @Test
    void anIdTheRegistryDoesNotKnowIsABadRecord() {
        assertFalse(RegistryOutage.isCauseOf(new RuntimeException(answer(404))));
    }

    @Test
    void bytesThatAreNotAvroAreABadRecord() {
        assertFalse(RegistryOutage.isCauseOf(new SerializationException("bad", new EOFException())));
        assertFalse(RegistryOutage.isCauseOf(new SerializationException("A record of another type")));
    }

    private static ApiException answer(int status) {
        return new ApiException("the registry answered " + status) {
            {
                setResponseStatusCode(status);
            }
        };
    }
}
