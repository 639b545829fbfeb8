package io.noesis.approval.escalation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.noesis.approval.domain.Hmac;
import io.noesis.approval.domain.PendingApproval;
import io.noesis.approval.domain.Escalation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends escalations to a webhook: a JSON POST signed with HMAC-SHA256 over "timestamp.body" (headers
 * X-Noesis-Timestamp and X-Noesis-Signature: v1=hex), retried with doubling waits until a 2xx answer or the
 * last attempt. It never blocks the caller.
 */
public final class WebhookNotifier implements Escalation.Notifier {

    static final String TIMESTAMP_HEADER = "X-Noesis-Timestamp";
    static final String SIGNATURE_HEADER = "X-Noesis-Signature";
    private static final Logger LOG = Logger.getLogger(WebhookNotifier.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private final URI url;
    private final byte[] secret;
    private final int maxAttempts;
    private final Duration firstRetryAfter;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "escalation-webhook");
        thread.setDaemon(true);
        return thread;
    });

    public WebhookNotifier(URI url, String secret, int maxAttempts, Duration firstRetryAfter) {
        this.url = url;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.maxAttempts = maxAttempts;
        this.firstRetryAfter = firstRetryAfter;
    }

    /** The notifier the settings describe; throws IllegalStateException when the url or the secret is missing. */
    public static WebhookNotifier from(EscalationSettings settings) {
        String url = settings.url().orElseThrow(() -> new IllegalStateException("noesis.escalation.url is not set"));
        String secret = settings.secret()
                .orElseThrow(() -> new IllegalStateException("noesis.escalation.secret is not set"));
        return new WebhookNotifier(URI.create(url), secret, settings.maxAttempts(), settings.firstRetryAfter());
    }

    @Override
    public void escalate(PendingApproval round, Instant at) {
        String body = json(EscalationNotice.of(round, at));
        retries.execute(() -> attempt(round.episodeId(), body, 1));
    }

    private void attempt(String episodeId, String body, int attempt) {
        http.sendAsync(signed(body), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure == null && response.statusCode() / 100 == 2) {
                LOG.infof("Escalated episode %s", episodeId);
            } else if (attempt < maxAttempts) {
                long waitMillis = firstRetryAfter.toMillis() << (attempt - 1);
                retries.schedule(() -> attempt(episodeId, body, attempt + 1), waitMillis, TimeUnit.MILLISECONDS);
            } else {
                LOG.warnf("Gave up escalating episode %s after %d attempts: %s", episodeId, attempt,
                        failure != null ? failure.getMessage() : "HTTP " + response.statusCode());
            }
        });
    }

    /** Signed afresh at each attempt, so that a receiver may refuse old timestamps. */
    private HttpRequest signed(String body) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return HttpRequest.newBuilder(url)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header(TIMESTAMP_HEADER, timestamp)
                .header(SIGNATURE_HEADER, "v1=" + Hmac.sha256Hex(secret, timestamp + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String json(EscalationNotice notice) {
        try {
            return JSON.writeValueAsString(notice);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An escalation notice is plain data", e);
        }
    }
}
