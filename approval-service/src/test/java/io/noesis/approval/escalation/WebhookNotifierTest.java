package io.noesis.approval.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.noesis.approval.domain.Hmac;
import io.noesis.approval.domain.PendingApproval;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The escalation webhook against a receiver on loopback that fails at first. */
class WebhookNotifierTest {

    private static final String SECRET = "webhook-secret";
    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");

    private record Received(String timestamp, String signature, String body) {
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/escalations", exchange -> {
            received.add(new Received(exchange.getRequestHeaders().getFirst(WebhookNotifier.TIMESTAMP_HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookNotifier.SIGNATURE_HEADER),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void anEscalationIsSignedAndRetriedUntilTheReceiverTakesIt() throws Exception {
        failuresLeft.set(2);
        notifier(5).escalate(round(), START.plusSeconds(1800));

        Received first = next();
        next();
        Received taken = next();

        assertEquals("v1=" + Hmac.sha256Hex(SECRET.getBytes(StandardCharsets.UTF_8), taken.timestamp() + "." + taken.body()),
                taken.signature());
        assertEquals(first.body(), taken.body());
        JsonNode notice = new ObjectMapper().readTree(taken.body());
        assertEquals("approval.escalated", notice.get("type").asText());
        assertEquals("ep-1", notice.get("episode_id").asText());
        assertEquals("drop the users table", notice.get("task").asText());
        assertEquals("sre", notice.get("approver_group").asText());
        assertEquals("2026-11-25T13:00:00Z", notice.get("deadline").asText());
        assertEquals("2026-11-25T12:30:00Z", notice.get("escalated_at").asText());
        assertEquals(null, received.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    void theNotifierGivesUpAfterTheLastAttempt() throws Exception {
        failuresLeft.set(10);
        notifier(3).escalate(round(), START);

        next();
        next();
        next();
        assertEquals(null, received.poll(500, TimeUnit.MILLISECONDS));
    }

    private WebhookNotifier notifier(int maxAttempts) {
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/escalations");
        return new WebhookNotifier(url, SECRET, maxAttempts, Duration.ofMillis(20));
    }

    private Received next() throws InterruptedException {
        Received request = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(request, "the webhook was not called (again)");
        return request;
    }

    private static PendingApproval round() {
        return new PendingApproval("ep-1", "eval-1", "REQUEST", null, "drop the users table", "rita",
                List.of("destructive statement"), 0.9, 1, "sre", START.plusSeconds(3600), START);
    }
}
