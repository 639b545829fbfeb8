package io.noesis.cli;

import static io.noesis.cli.StubService.json;
import static io.noesis.cli.StubService.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auditor's commands against a stand-in of audit-service's HTTP API. */
class AuditCommandTest {

    private StubService audit;
    private StubService unused;
    private Cli cli;

    @BeforeEach
    void start() throws Exception {
        audit = new StubService();
        unused = new StubService();
        cli = Cli.against(unused, unused, audit);
    }

    @AfterEach
    void stop() {
        audit.close();
        unused.close();
    }

    @Test
    void verifyOfAnIntactChainExitsZeroAndShowsItsProgressWhenAsked() {
        audit.answer(json(202, "{\"id\":\"r1\",\"state\":\"queued\",\"read\":0,\"span\":0}"),
                json(200, "{\"id\":\"r1\",\"state\":\"running\",\"read\":6,\"span\":12}"),
                json(200, "{\"id\":\"r1\",\"state\":\"done\",\"read\":12,\"span\":12,\"passed\":true,"
                        + "\"result\":{\"intact\":true,\"checked\":12}}"));

        int exit = cli.run("audit", "verify", "--progress");

        assertEquals(0, exit, cli::err);
        assertEquals("intact: 12 record(s) checked\n", cli.out());
        assertTrue(cli.err().contains("\r[###############...............]  50%  verify running: 6 of at most 12 record(s) read"),
                cli::err);
        assertTrue(cli.err().endsWith("\n"), "the progress line is ended");
        assertEquals("POST /audit/replays Bearer t0k {\"kind\":\"verify\"}",
                audit.asked(0).method() + " " + audit.asked(0).uri() + " " + audit.asked(0).authorization() + " "
                        + audit.asked(0).body());
        assertEquals("/audit/replays/r1", audit.asked(1).uri());
    }

    @Test
    void withoutATerminalNoProgressIsDrawn() {
        audit.answer(json(202, "{\"id\":\"r1\",\"state\":\"running\",\"read\":1,\"span\":2}"),
                json(200, "{\"id\":\"r1\",\"state\":\"done\",\"passed\":true,\"result\":{\"intact\":true,\"checked\":2}}"));

        assertEquals(0, cli.run("audit", "verify", "--no-progress"));

        assertEquals("", cli.err());
    }

    @Test
    void verifyOfABrokenChainExitsOneNamingTheFirstBrokenLink() {
        audit.answer(json(202, "{\"id\":\"r2\",\"state\":\"done\",\"passed\":false,\"result\":{\"intact\":false,"
                + "\"checked\":3,\"broken_at\":{\"topic\":\"noesis.audit.log\",\"partition\":0,\"offset\":3},"
                + "\"broken_position\":3,\"reason\":\"found position 4 where 3 belongs\"}}"));

        assertEquals(1, cli.run("audit", "verify"));
        assertEquals("BROKEN at noesis.audit.log partition 0 offset 3 (position 3): found position 4 where 3 belongs\n",
                cli.out());
    }

    @Test
    void replayFromAPointInTimePrintsJsonAndExitsOneOnADifference() throws Exception {
        String finished = "{\"id\":\"r3\",\"state\":\"done\",\"passed\":false,\"result\":{\"matches\":false,"
                + "\"compared\":7,\"differences\":1,\"first_difference\":{\"place\":{\"topic\":\"noesis.audit.log\","
                + "\"partition\":0,\"offset\":4},\"reason\":\"differs\"}}}";
        audit.answer(json(202, finished));

        assertEquals(1, cli.run("audit", "replay", "--from", "2026-05-01T00:00:00Z", "--json"));
        assertEquals("{\"kind\":\"rebuild\",\"from\":\"2026-05-01T00:00:00Z\"}", audit.asked(0).body());
        assertEquals(ServiceClient.JSON.readTree(finished), ServiceClient.JSON.readTree(cli.out()));
    }

    @Test
    void aMatchingReplayExitsZero() {
        audit.answer(json(202, "{\"id\":\"r4\",\"state\":\"done\",\"passed\":true,\"result\":{\"matches\":true,"
                + "\"compared\":40,\"differences\":0}}"));

        assertEquals(0, cli.run("audit", "replay"));
        assertEquals("matches: 40 record(s) compared\n", cli.out());
    }

    @Test
    void aTimelineIsPrintedOneLinePerRecord() {
        audit.answer(json(200, "{\"episode_id\":\"ep 1/x\",\"records\":[{\"position\":3,\"time\":\"2026-05-01T10:00:00Z\","
                + "\"actor\":\"alice\",\"action\":\"REQUESTED\",\"summary\":\"asked for task\"}]}"));

        assertEquals(0, cli.run("audit", "timeline", "ep 1/x"));

        assertEquals("/audit/episodes/ep%201%2Fx", audit.asked(0).uri());
        assertEquals("2026-05-01T10:00:00Z  #3  alice              REQUESTED          asked for task\n", cli.out());
    }

    @Test
    void anUnknownEpisodeExitsOneWithTheProblemsDetail() {
        audit.answer(problem(404, "{\"type\":\"urn:noesis:problem:unknown-episode\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"Nothing is known about episode nope.\"}"));

        assertEquals(1, cli.run("audit", "timeline", "nope"));
        assertEquals("noesis: audit-service answered 404 Not Found: Nothing is known about episode nope.\n", cli.err());
    }

    @Test
    void anExportIsStreamedToTheOutputFileWithItsProgress(@TempDir Path dir) throws Exception {
        audit.answer(new StubService.Answer(200, "text/csv", "position,source_topic\r\n0,noesis.episode.requests\r\n"));
        Path file = dir.resolve("trail.csv");

        int exit = cli.run("audit", "export", "--from", "2026-05-01T00:00:00Z", "--to", "2026-05-02T00:00:00Z",
                "--format", "csv", "-o", file.toString(), "--progress");

        assertEquals(0, exit, cli::err);
        assertEquals("/audit/export?from=2026-05-01T00%3A00%3A00Z&to=2026-05-02T00%3A00%3A00Z&format=csv",
                audit.asked(0).uri());
        assertEquals("position,source_topic\r\n0,noesis.episode.requests\r\n", Files.readString(file));
        assertTrue(cli.err().endsWith("\rexport: 2 line(s), 0 KiB\n"), cli::err);
    }

    @Test
    void anExportWithoutAFileGoesToStandardOutput() {
        audit.answer(new StubService.Answer(200, "application/x-ndjson", "{\"position\":0}\n"));
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, cli.run("audit", "export", "--no-progress"));
        } finally {
            System.setOut(original);
        }
        assertEquals("/audit/export?format=jsonl", audit.asked(0).uri());
        assertEquals("{\"position\":0}\n", captured.toString(StandardCharsets.UTF_8));
        assertFalse(cli.err().contains("export:"), cli::err);
    }

    @Test
    void badUsageExitsTwo() {
        Cli withoutToken = new Cli(java.util.Map.of("NOESIS_AUDIT_URL", audit.url()));
        assertEquals(2, withoutToken.run("audit", "verify"), "no token");
        assertTrue(withoutToken.err().contains("A token is needed: --token or NOESIS_TOKEN"), withoutToken::err);
        assertEquals(2, withoutToken.run("audit", "export", "--token", " "), "a blank token");
        assertEquals(2, cli.run("audit", "verify", "--bogus"));
        assertEquals(2, cli.run("audit", "timeline"), "no episode id");
        assertEquals(2, cli.run("audit", "launch"));
        assertTrue(audit.asked().isEmpty());
    }
}
