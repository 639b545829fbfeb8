package io.noesis.schemas.serde;

import com.microsoft.kiota.ApiException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Tells a record that cannot be read because the schema registry cannot be asked now (refused
 * connection, timeout, a 5xx or 429 answer) from a record that cannot be read at all (an id the registry
 * does not know, bytes that are not Avro). The first is read again later; only the second is a dead letter.
 */
public final class RegistryOutage {

    /** Spaces out the tries while the registry is down, so that readers do not spin. */
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);
    private static final int TOO_MANY_REQUESTS = 429;
    private static final int SERVER_ERROR = 500;

    private RegistryOutage() {
    }

    /** True when anything in the failure's cause chain says the registry was unreachable or unwell. */
    public static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (isUnreachable(cause) || isUnwell(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Waits before the next try; an interrupt ends the wait and stays set for the caller to see. */
    public static void pauseBeforeRetry() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isUnreachable(Throwable cause) {
        return cause instanceof SocketException || cause instanceof SocketTimeoutException
                || cause instanceof HttpTimeoutException || cause instanceof UnknownHostException
                || cause instanceof TimeoutException;
    }

    /** The registry's client reports its answers as kiota ApiExceptions, with the HTTP status. */
    private static boolean isUnwell(Throwable cause) {
        return cause instanceof ApiException answer
                && (answer.getResponseStatusCode() >= SERVER_ERROR || answer.getResponseStatusCode() == TOO_MANY_REQUESTS);
    }
}
