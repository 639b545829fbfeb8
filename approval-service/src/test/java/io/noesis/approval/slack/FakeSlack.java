package io.noesis.approval.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A stand-in for Slack's Web API on loopback: it records every call and answers ok, and points the
 * service's Slack settings at itself.
 */
public class FakeSlack implements QuarkusTestResourceLifecycleManager {

    static final String BOT_TOKEN = "xoxb-fake-token";
    static final String SIGNING_SECRET = "fake-signing-secret";
    static final String CHANNEL = "#noesis-approvals-test";
    static final String POSTED_CHANNEL_ID = "C0FAKE";
    static final String POSTED_TS = "1700000000.000100";

    /**
     * One call to the Web API: the method (e.g. chat.postMessage), its bearer token, its form fields, and the
     * message ts it answered (a new one for every call, as Slack gives every posted message its own).
     */
    record Call(String method, String authorization, Map<String, String> form, String answeredTs) {
    }

    private static final BlockingQueue<Call> CALLS = new LinkedBlockingQueue<>();
    private static final AtomicInteger MESSAGES = new AtomicInteger(100);
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("The fake Slack API could not listen", e);
        }
        server.createContext("/api/", FakeSlack::answer);
        server.start();
        return Map.of(
                "noesis.slack.enabled", "true",
                "noesis.slack.api-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/api/",
                "noesis.slack.bot-token", BOT_TOKEN,
                "noesis.slack.signing-secret", SIGNING_SECRET,
                "noesis.slack.channel", CHANNEL,
                "noesis.slack.users.U0SAM", "sam",
                "noesis.slack.groups.U0SAM", "sre, dba");
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    /** The first call, from now on or already recorded, that matches; fails after the timeout. */
    static Call awaitCall(Predicate<Call> match, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Call call = CALLS.poll(200, TimeUnit.MILLISECONDS);
            if (call != null && match.test(call)) {
                return call;
            }
        }
        throw new AssertionError("The fake Slack API received no matching call");
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String ts = "1700000000.%06d".formatted(MESSAGES.incrementAndGet());
        CALLS.add(new Call(method, exchange.getRequestHeaders().getFirst("Authorization"), form(body), ts));
        byte[] reply = ("{\"ok\": true, \"channel\": \"" + POSTED_CHANNEL_ID + "\", \"ts\": \"" + ts + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&"))
                .filter(pair -> pair.contains("="))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8), (first, second) -> second));
    }
}
