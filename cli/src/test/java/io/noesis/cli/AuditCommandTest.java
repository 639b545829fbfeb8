package io.noesis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CLI's parsing, calls, output and exit codes, against a stub of audit-service's HTTP API that
 * answers what audit-service answers and records what it was asked.
 */
class AuditCommandTest {

    private record Answer(int status, String contentType, String body) {
    }

    private record Asked(String method, String uri, String authorization, String body) {
    }

    private HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<Asked> asked = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    @Test
    void verifyOfAnIntactChainExitsZeroAndSaysHowManyRecords() {
        answers.add(json(202, "{\"id\":\"r1\",\"state\":\"queued\",\"read\":0,\"span\":0}"));
        answers.add(json(200, "{\"id\":\"r1\",\"state\":\"running\",\"read\":5,\"span\":12}"));
        answers.add(json(200, "{\"id\":\"r1\",\"state\":\"done\",\"read\":12,\"span\":12,\"passed\":true,"
                + "\"result\":{\"intact\":true,\"checked\":12}}"));

        int exit = run("audit", "verify", "--token", "t0k");

        assertEquals(0, exit, err::toString);
        assertEquals("intact: 12 record(s) checked\n", out.toString());
        assertTrue(err.toString().contains("verify: running, 5 of at most 12 record(s) read"), err::toString);
        assertEquals(new Asked("POST", "/audit/replays", "Bearer t0k", "{\"kind\":\"verify\"}"), asked.get(0));
        assertEquals("/audit/replays/r1", asked.get(1).uri());
    }

    @Test
    void verifyOfABrokenChainExitsOneNamingTheFirstBrokenLink() {
        answers.add(json(202, "{\"id\":\"r2\",\"state\":\"done\",\"passed\":false,\"result\":{\"intact\":false,"
                + "\"checked\":3,\"broken_at\":{\"topic\":\"noesis.audit.log\",\"partition\":0,\"offset\":3},"
                + "\"broken_position\":3,\"reason\":\"found position 4 where 3 belongs\"}}"));

        int exit = run("audit", "verify", "--token", "t");

        assertEquals(1, exit);
        assertEquals("BROKEN at noesis.audit.log partition 0 offset 3 (position 3): found position 4 where 3 belongs\n",
                out.toString());
    }

    @Test
    void replayFromAPointInTimePrintsJsonAndExitsOneOnADifference() throws Exception {
        String finished = "{\"id\":\"r3\",\"state\":\"done\",\"passed\":false,\"result\":{\"matches\":false,"
                + "\"compared\":7,\"differences\":1,\"first_difference\":{\"place\":{\"topic\":\"noesis.audit.log\","
                + "\"partition\":0,\"offset\":4},\"reason\":\"differs\"}}}";
        answers.add(json(202, finished));

        int exit = run("audit", "replay", "--from", "2026-05-01T00:00:00Z", "--json", "--token", "t");

        assertEquals(1, exit);
        assertEquals("{\"kind\":\"rebuild\",\"from\":\"2026-05-01T00:00:00Z\"}", asked.get(0).body());
        assertEquals(AuditClient.JSON.readTree(finished), AuditClient.JSON.readTree(out.toString()));
    }

    @Test
    void aMatchingReplayExitsZero() {
        answers.add(json(202, "{\"id\":\"r4\",\"state\":\"done\",\"passed\":true,\"result\":{\"matches\":true,"
                + "\"compared\":40,\"differences\":0}}"));

        assertEquals(0, run("audit", "replay", "--token", "t"));
        assertEquals("matches: 40 record(s) compared\n", out.toString());
    }

    @Test
    void aTimelineIsPrintedOneLinePerRecord() {
        answers.add(json(200, "{\"episode_id\":\"ep 1/x\",\"records\":[{\"position\":3,\"time\":\"2026-05-01T10:00:00Z\","
                + "\"actor\":\"alice\",\"action\":\"REQUESTED\",\"summary\":\"asked for task\"}]}"));

        assertEquals(0, run("audit", "timeline", "ep 1/x", "--token", "t"));

        assertEquals("/audit/episodes/ep%201%2Fx", asked.get(0).uri());
        assertEquals("2026-05-01T10:00:00Z  #3  alice              REQUESTED          asked for task\n", out.toString());
    }

    @Test
    void anErrorAnswerExitsOneWithTheProblemsDetail() {
        answers.add(new Answer(404, "application/problem+json",
                "{\"type\":\"urn:noesis:problem:unknown-episode\",\"title\":\"Not Found\",\"status\":404,"
                        + "\"detail\":\"Nothing is known about episode nope.\"}"));

        assertEquals(1, run("audit", "timeline", "nope", "--token", "t"));
        assertEquals("noesis: audit-service answered 404: Nothing is known about episode nope.\n", err.toString());
    }

    @Test
    void anExportIsStreamedToTheOutputFile(@TempDir Path dir) throws Exception {
        answers.add(new Answer(200, "text/csv", "position,source_topic\r\n0,noesis.episode.requests\r\n"));
        Path file = dir.resolve("trail.csv");

        int exit = run("audit", "export", "--from", "2026-05-01T00:00:00Z", "--to", "2026-05-02T00:00:00Z",
                "--format", "csv", "-o", file.toString(), "--token", "t");

        assertEquals(0, exit, err::toString);
        assertEquals("/audit/export?from=2026-05-01T00%3A00%3A00Z&to=2026-05-02T00%3A00%3A00Z&format=csv",
                asked.get(0).uri());
        assertEquals("position,source_topic\r\n0,noesis.episode.requests\r\n", Files.readString(file));
    }

    @Test
    void anExportWithoutAFileGoesToStandardOutput() {
        answers.add(new Answer(200, "application/x-ndjson", "{\"position\":0}\n"));
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, run("audit", "export", "--token", "t"));
        } finally {
            System.setOut(original);
        }
        assertEquals("/audit/export?format=jsonl", asked.get(0).uri());
        assertEquals("{\"position\":0}\n", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, run("audit", "verify"), "no token");
        assertEquals(2, run("audit", "export", "--token", " "), "a blank token");
        assertTrue(err.toString().contains("A token is needed: --token or NOESIS_TOKEN"), err::toString);
        assertEquals(2, run("audit", "verify", "--token", "t", "--bogus"));
        assertEquals(2, run("audit", "timeline", "--token", "t"), "no episode id");
        assertEquals(2, run("audit", "launch"));
        assertTrue(asked.isEmpty());
    }

    @Test
    void anUnreachableServiceExitsOne() {
        server.stop(0);

        assertEquals(1, run("audit", "verify", "--token", "t"));
        assertTrue(err.toString().startsWith("noesis: Cannot reach audit-service at"), err::toString);
    }

    private int run(String... args) {
        List<String> withUrl = new ArrayList<>(List.of(args));
        withUrl.add("--url=http://127.0.0.1:" + server.getAddress().getPort() + "/");
        CommandLine line = NoesisCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(withUrl.toArray(String[]::new));
    }

    private static Answer json(int status, String body) {
        return new Answer(status, "application/json", body);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        asked.add(new Asked(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        Answer answer = answers.isEmpty() ? new Answer(500, "text/plain", "no answer prepared") : answers.poll();
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
