package io.noesis.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A stand-in for one service's HTTP API on a random loopback port: answers the queued answers in order,
 * as the service would (JSON, problem+json, an event stream, a CSV export), and records every request.
 */
final class StubService implements AutoCloseable {

    record Answer(int status, String contentType, String body) {
    }

    record Asked(String method, String uri, String authorization, String contentType, String accept, String body) {
    }

    private final HttpServer server;
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<Asked> asked = new CopyOnWriteArrayList<>();

    StubService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    static Answer json(int status, String body) {
        return new Answer(status, "application/json", body);
    }

    static Answer problem(int status, String body) {
        return new Answer(status, "application/problem+json", body);
    }

    /** Server-sent events, one JSON document each, the way Quarkus writes them; the stream then ends. */
    static Answer events(String... data) {
        return new Answer(200, "text/event-stream",
                Arrays.stream(data).map(event -> "data:" + event + "\n\n").collect(Collectors.joining()));
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    StubService answer(Answer... next) {
        answers.addAll(List.of(next));
        return this;
    }

    List<Asked> asked() {
        return new ArrayList<>(asked);
    }

    Asked asked(int index) {
        return asked.get(index);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        asked.add(new Asked(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Accept"), body));
        Answer answer = answers.poll();
        if (answer == null) {
            answer = new Answer(500, "text/plain", "no answer prepared for " + exchange.getRequestURI());
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream response = exchange.getResponseBody()) {
            response.write(bytes);
        }
    }
}
