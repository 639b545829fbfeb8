package io.noesis.cli;

import static io.noesis.cli.StubService.events;
import static io.noesis.cli.StubService.json;
import static io.noesis.cli.StubService.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** run, events, summary and runs against a stand-in of episode-service that checks what they ask. */
class EpisodeCommandsTest {

    private static final String ACCEPTED = "{\"episode_id\":\"ep-1\",\"status\":\"REQUESTED\","
            + "\"summary\":\"/episodes/ep-1/summary\",\"events\":\"/episodes/ep-1/events\"}";

    private StubService episodes;
    private StubService unused;
    private Cli cli;

    @BeforeEach
    void start() throws Exception {
        episodes = new StubService();
        unused = new StubService();
        cli = Cli.against(episodes, unused, unused);
    }

    @AfterEach
    void stop() {
        episodes.close();
        unused.close();
    }

    @Test
    void runSubmitsTheRequestInTheApisTermsAndPrintsTheEpisodeId() throws Exception {
        episodes.answer(json(202, ACCEPTED));

        int exit = cli.run("run", "drop the orders table", "--env", "production", "--tag", "team=data", "-t", "ticket=42",
                "--risk-score", "0.9", "--policies", "high_risk_keywords,production_environment", "--parent", "ep-0",
                "--id", "ep-1");

        assertEquals(0, exit, cli::err);
        assertEquals("ep-1\n", cli.out());
        StubService.Asked asked = episodes.asked(0);
        assertEquals("POST /episodes Bearer t0k application/json",
                asked.method() + " " + asked.uri() + " " + asked.authorization() + " " + asked.contentType());
        assertEquals(ServiceClient.JSON.readTree("{\"task\":\"drop the orders table\","
                        + "\"intuition\":[\"high_risk_keywords\",\"production_environment\"],"
                        + "\"tags\":{\"team\":\"data\",\"ticket\":\"42\",\"risk_score\":\"0.9\"},\"environment\":\"production\","
                        + "\"parent_episode_id\":\"ep-0\",\"episode_id\":\"ep-1\"}"),
                ServiceClient.JSON.readTree(asked.body()));
    }

    @Test
    void runWithNoPoliciesSendsIntuitionFalseAndJsonPrintsTheAnswer() throws Exception {
        episodes.answer(json(202, ACCEPTED));

        assertEquals(0, cli.run("run", "tidy up", "--no-policies", "--json"), cli::err);

        assertEquals(ServiceClient.JSON.readTree("{\"task\":\"tidy up\",\"intuition\":false}"),
                ServiceClient.JSON.readTree(episodes.asked(0).body()));
        assertEquals(ServiceClient.JSON.readTree(ACCEPTED), ServiceClient.JSON.readTree(cli.out()));
    }

    @Test
    void badRunUsageExitsTwoWithoutAsking() {
        assertEquals(2, cli.run("run", "x", "--policies", "a", "--no-policies"), "two policy selections");
        assertEquals(2, cli.run("run", "x", "--risk-score", "1.5"));
        assertTrue(cli.err().contains("--risk-score must be from 0 to 1"), cli::err);
        assertEquals(2, cli.run("run", "x", "--tag", "novalue"));
        assertEquals(2, cli.run("run"), "no task");
        assertTrue(episodes.asked().isEmpty());
    }

    @Test
    void anInvalidRequestIsAUsageErrorShowingTheFieldAtFault() {
        episodes.answer(problem(400, "{\"type\":\"urn:noesis:problem:invalid-input\",\"title\":\"Invalid request\","
                + "\"status\":400,\"detail\":\"episode_id must be 1 to 64 letters\",\"field\":\"episode_id\"}"));

        assertEquals(2, cli.run("run", "x", "--id", "not valid!"));

        assertEquals("noesis: episode-service answered 400 Invalid request: episode_id must be 1 to 64 letters\n"
                + "  field: episode_id\n", cli.err());
    }

    @Test
    void runFollowWaitsForTheEpisodeShowsEachEventOnceAcrossADroppedStreamAndExitsZeroWhenCompleted() {
        episodes.answer(json(202, ACCEPTED),
                problem(404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no episode ep-1\"}"),
                events(event(1, "REQUESTED", "{\"task\":\"drop it\",\"requested_by\":\"alice\"}"),
                        event(2, "EVALUATING", "{\"subject\":\"REQUEST\"}")),
                json(200, "{\"episode_id\":\"ep-1\",\"status\":\"RUNNING\"}"),
                events(event(2, "EVALUATING", "{\"subject\":\"REQUEST\"}"),
                        event(3, "STEP", "{\"agent\":\"reference\",\"message\":\"working\"}"),
                        event(4, "COMPLETED", "{\"agent\":\"reference\",\"summary\":\"done\"}")),
                json(200, "{\"episode_id\":\"ep-1\",\"status\":\"COMPLETED\"}"),
                json(200, "{\"episode_id\":\"ep-1\",\"events\":[],\"next_from_sequence\":null}"));

        int exit = cli.run("run", "drop it", "--follow");

        assertEquals(0, exit, cli::err);
        List<String> lines = cli.out().lines().toList();
        assertEquals("ep-1", lines.get(0));
        assertEquals(5, lines.size(), cli::out);
        assertTrue(lines.get(1).matches("\\s+1  2026-11-25T10:00:01Z\\s+REQUESTED\\s+drop it by alice"), lines.get(1));
        assertTrue(lines.get(3).endsWith("STEP                reference: working"), lines.get(3));
        assertTrue(lines.get(4).endsWith("COMPLETED           done"), lines.get(4));
        List<String> asked = episodes.asked().stream().map(StubService.Asked::uri).toList();
        assertEquals(List.of("/episodes", "/episodes/ep-1/events/stream?from_sequence=1",
                "/episodes/ep-1/events/stream?from_sequence=1", "/episodes/ep-1/summary",
                "/episodes/ep-1/events/stream?from_sequence=3", "/episodes/ep-1/summary",
                "/episodes/ep-1/events?from_sequence=5&limit=500"), asked);
        assertEquals("text/event-stream", episodes.asked(1).accept());
    }

    @Test
    void followingAnEpisodeThatIsRejectedExitsOneAndJsonPrintsOneEventALine() throws Exception {
        episodes.answer(events(event(5, "AWAITING_APPROVAL", "{\"required_approvals\":1,\"reasons\":[\"drop\"]}"),
                        event(6, "REJECTED", "{\"approvers\":[\"bob\"],\"reason\":\"no\"}")),
                json(200, "{\"episode_id\":\"ep-1\",\"status\":\"REJECTED\"}"),
                json(200, "{\"episode_id\":\"ep-1\",\"events\":[],\"next_from_sequence\":null}"));

        assertEquals(1, cli.run("events", "ep-1", "--follow", "--from", "5", "--json"));

        List<String> lines = cli.out().lines().toList();
        assertEquals(2, lines.size());
        JsonNode rejected = ServiceClient.JSON.readTree(lines.get(1));
        assertEquals("REJECTED", rejected.path("type").asText());
        assertEquals("/episodes/ep-1/events/stream?from_sequence=5", episodes.asked(0).uri());
    }

    @Test
    void eventsReadsEveryPageFollowingNextFromSequence() {
        episodes.answer(
                json(200, "{\"episode_id\":\"ep 1\",\"events\":[" + event(1, "REQUESTED", "{\"task\":\"t\",\"environment\":\"production\"}")
                        + "," + event(2, "INTUITION", "{\"intervention\":{\"policy\":\"production_environment\"},"
                        + "\"requires_approval\":true,\"risk_reason\":\"production environment: production\"}")
                        + "],\"next_from_sequence\":3}"),
                json(200, "{\"episode_id\":\"ep 1\",\"events\":[" + event(3, "AWAITING_APPROVAL",
                        "{\"required_approvals\":2,\"approver_group\":\"dba\",\"reasons\":[\"a\",\"b\"]}")
                        + "],\"next_from_sequence\":null}"));

        assertEquals(0, cli.run("events", "ep 1"), cli::err);

        assertEquals(List.of("/episodes/ep%201/events?from_sequence=1&limit=500",
                "/episodes/ep%201/events?from_sequence=3&limit=500"),
                episodes.asked().stream().map(StubService.Asked::uri).toList());
        List<String> lines = cli.out().lines().toList();
        assertTrue(lines.get(0).endsWith("REQUESTED           t in production"), lines.get(0));
        assertTrue(lines.get(1).endsWith("production_environment requires approval: production environment: production"),
                lines.get(1));
        assertTrue(lines.get(2).endsWith("2 approval(s) from group dba - a, b"), lines.get(2));
    }

    @Test
    void eachEventTypeShowsWhatItIsAbout() throws Exception {
        assertEquals("command ep-1-start", EpisodeEvents.detail("STARTED", payload("{\"command_id\":\"ep-1-start\"}")));
        assertEquals("reference proposes DROP TABLE orders - cleanup", EpisodeEvents.detail("ACTION_PROPOSED",
                payload("{\"agent\":\"reference\",\"action\":{\"action\":\"DROP TABLE orders\",\"description\":\"cleanup\"}}")));
        assertEquals("by carol: wrong ticket", EpisodeEvents.detail("CANCELLED",
                payload("{\"cancelled_by\":\"carol\",\"reason\":\"wrong ticket\"}")));
        assertEquals("command RESUME refused in COMPLETED: already ended", EpisodeEvents.detail("TRANSITION_REFUSED",
                payload("{\"input\":\"command RESUME\",\"from_state\":\"COMPLETED\",\"reason\":\"already ended\"}")));
        assertEquals("{\"new\":1}", EpisodeEvents.detail("SOMETHING_NEW", payload("{\"new\":1}")), "a type from a newer service");
    }

    @Test
    void summaryPrintsTheFieldsThatHaveValuesAndAnUnknownEpisodeExitsOne() {
        episodes.answer(json(200, "{\"episode_id\":\"ep-1\",\"task\":\"drop the orders table\",\"status\":\"COMPLETED\","
                        + "\"tags\":{\"team\":\"data\"},\"environment\":\"production\",\"requested_by\":\"alice\","
                        + "\"parent_episode_id\":null,\"flags\":{\"requires_approval\":true,\"risk_reason\":\"drop\"},"
                        + "\"interventions\":[{\"policy\":\"high_risk_keywords\",\"policy_version\":\"1\",\"advice\":\"hold\"}],"
                        + "\"approvals\":{\"approvers\":[\"bob\"],\"decision_ids\":[\"d1\"],\"reason\":\"ticket 42\"},"
                        + "\"created_at\":\"2026-11-25T10:00:00Z\",\"updated_at\":\"2026-11-25T10:01:00Z\"}"),
                problem(404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"Nothing is known about episode nope.\"}"));

        assertEquals(0, cli.run("summary", "ep-1"), cli::err);
        assertEquals(String.join("\n", "episode        ep-1", "task           drop the orders table",
                "status         COMPLETED", "requested by   alice", "environment    production", "tags           team=data",
                "approval       required", "risk           drop", "intervention   high_risk_keywords 1: hold",
                "decided by     bob: ticket 42", "created        2026-11-25T10:00:00Z", "updated        2026-11-25T10:01:00Z", ""),
                cli.out());

        assertEquals(1, cli.run("summary", "nope"));
        assertEquals("noesis: episode-service answered 404 Not Found: Nothing is known about episode nope.\n", cli.err());
    }

    @Test
    void runsPassesTheFiltersAndTellsWhereTheNextPageStarts() {
        episodes.answer(json(200, "{\"episodes\":[" + summary("ep-2") + "],\"next_cursor\":\"abc\"}"));

        assertEquals(0, cli.run("runs", "--status", "COMPLETED", "--tag", "team=data", "--created-after",
                "2026-11-25T00:00:00Z", "--limit", "1"), cli::err);

        assertEquals("/episodes?status=COMPLETED&tag=team%3Adata&created_after=2026-11-25T00%3A00%3A00Z&limit=1",
                episodes.asked(0).uri());
        assertTrue(cli.out().startsWith("ep-2"), cli::out);
        assertTrue(cli.out().strip().endsWith("alice       a task"), cli::out);
        assertEquals("More: noesis runs ... --cursor abc (or --all)\n", cli.err());
    }

    @Test
    void runsAllFollowsTheCursorToTheLastPageAndJsonGivesOneList() throws Exception {
        episodes.answer(json(200, "{\"episodes\":[" + summary("ep-3") + "],\"next_cursor\":\"c1\"}"),
                json(200, "{\"episodes\":[" + summary("ep-2") + "],\"next_cursor\":null}"));

        assertEquals(0, cli.run("--json", "runs", "--all"), cli::err);

        assertEquals("/episodes?cursor=c1", episodes.asked(1).uri());
        JsonNode listing = ServiceClient.JSON.readTree(cli.out());
        assertEquals(List.of("ep-3", "ep-2"), listing.path("episodes").findValuesAsText("episode_id"));
        assertTrue(listing.path("next_cursor").isNull());
    }

    private static String event(long sequence, String type, String payload) {
        return "{\"event_id\":\"e" + sequence + "\",\"episode_id\":\"ep-1\",\"sequence\":" + sequence + ",\"type\":\""
                + type + "\",\"time\":\"2026-11-25T10:00:0" + sequence + "Z\",\"source\":\"test\",\"payload\":" + payload + "}";
    }

    private static JsonNode payload(String json) throws Exception {
        return ServiceClient.JSON.readTree(json);
    }

    private static String summary(String id) {
        return "{\"episode_id\":\"" + id + "\",\"task\":\"a task\",\"status\":\"COMPLETED\",\"requested_by\":\"alice\","
                + "\"created_at\":\"2026-11-25T10:00:00Z\"}";
    }
}
