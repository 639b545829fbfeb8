package io.noesis.cli;

import static io.noesis.cli.StubService.json;
import static io.noesis.cli.StubService.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** approvals, approvals show, approve and reject against a stand-in of approval-service. */
class ApprovalCommandsTest {

    private static final String PENDING = "{\"episode_id\":\"ep-1\",\"task\":\"drop the orders table\",\"requested_by\":\"alice\","
            + "\"reasons\":[\"high-risk keyword(s) in the task: drop\",\"production environment: production\"],"
            + "\"risk_score\":0.8,\"required_approvals\":2,\"approvals\":1,\"approver_group\":\"dba\","
            + "\"deadline\":\"2026-11-26T10:00:00Z\",\"awaiting_since\":\"2026-11-25T10:00:00Z\",\"subject\":\"REQUEST\","
            + "\"action\":null,\"interventions\":[{\"policy\":\"high_risk_keywords\",\"advice\":\"hold for a DBA\","
            + "\"rationale\":\"drops lose data\",\"risk_reason\":\"drop\"}]}";
    private static final String REFUSED = "{\"type\":\"urn:noesis:problem:decision-refused\",\"title\":\"Decision refused\","
            + "\"status\":409,\"detail\":\"Episode ep-1 is not awaiting approval.\",\"refusal\":\"NOT_PENDING\"}";

    private StubService approvals;
    private StubService unused;
    private Cli cli;

    @BeforeEach
    void start() throws Exception {
        approvals = new StubService();
        unused = new StubService();
        cli = Cli.against(unused, approvals, unused);
    }

    @AfterEach
    void stop() {
        approvals.close();
        unused.close();
    }

    @Test
    void approvalsListsThePendingOnesWithTheFiltersGiven() {
        approvals.answer(json(200, "{\"approvals\":[" + PENDING + "],\"next_cursor\":null}"));

        assertEquals(0, cli.run("approvals", "--group", "dba", "--search", "orders", "--limit", "10"), cli::err);

        assertEquals("/approvals?status=pending&approver_group=dba&q=orders&limit=10", approvals.asked(0).uri());
        assertEquals("ep-1                                  1 of 2  group dba  deadline 2026-11-26T10:00:00Z\n"
                + "    drop the orders table (requested by alice)\n"
                + "    high-risk keyword(s) in the task: drop, production environment: production\n", cli.out());
        assertEquals("", cli.err());
    }

    @Test
    void theDecidedHistoryShowsOutcomeApproversAndReason() {
        approvals.answer(json(200, "{\"approvals\":[{\"episode_id\":\"ep-0\",\"task\":\"deploy\",\"requested_by\":\"carl\","
                + "\"reasons\":[\"deploy\"],\"approver_group\":null,\"deadline\":null,\"outcome\":\"APPROVED\","
                + "\"approvers\":[\"bob\",\"dana\"],\"reason\":\"ticket 7\",\"closed_at\":\"2026-11-25T11:00:00Z\"}],"
                + "\"next_cursor\":\"n1\"}"));

        assertEquals(0, cli.run("approvals", "--status", "decided"), cli::err);

        assertTrue(cli.out().startsWith("ep-0                                  APPROVED  by bob, dana at 2026-11-25T11:00:00Z: ticket 7\n"),
                cli::out);
        assertEquals("More: noesis approvals ... --cursor n1 (or --all)\n", cli.err());
    }

    @Test
    void approvalsShowPrintsWhyAndTheAdvice() {
        approvals.answer(json(200, PENDING));

        assertEquals(0, cli.run("approvals", "show", "ep-1"), cli::err);

        assertEquals("/approvals/ep-1", approvals.asked(0).uri());
        assertTrue(cli.out().contains("approvals      1 of 2\n"), cli::out);
        assertTrue(cli.out().contains("reason         production environment: production\n"), cli::out);
        assertTrue(cli.out().contains("advice         high_risk_keywords: hold for a DBA - drops lose data\n"), cli::out);
    }

    @Test
    void anAcceptedApprovalExitsZeroAndSendsTheReasonAndADecisionId() throws Exception {
        approvals.answer(json(200, "{\"decision_id\":\"d1\",\"episode_id\":\"ep-1\",\"verdict\":\"RESUMED\",\"approvals\":1,"
                + "\"required_approvals\":1,\"command_id\":\"c1\",\"message\":\"Approved by 1 of 1: bob\"}"));

        assertEquals(0, cli.run("approve", "ep-1", "--reason", "change ticket 42"), cli::err);

        StubService.Asked asked = approvals.asked(0);
        assertEquals("POST /approvals/ep-1/approve Bearer t0k", asked.method() + " " + asked.uri() + " " + asked.authorization());
        JsonNode body = ServiceClient.JSON.readTree(asked.body());
        assertEquals("change ticket 42", body.path("reason").asText());
        UUID.fromString(body.path("decision_id").asText());
        assertEquals("RESUMED (1 of 1 approval(s)): Approved by 1 of 1: bob\n", cli.out());
    }

    @Test
    void aDecisionWhoseOutcomeIsNotKnownYetExitsFour() {
        approvals.answer(json(202, "{\"decision_id\":\"mine\",\"episode_id\":\"ep-1\",\"message\":\"recorded\"}"));

        assertEquals(4, cli.run("approve", "ep-1", "--decision-id", "mine"));

        assertTrue(approvals.asked(0).body().contains("\"decision_id\":\"mine\""), approvals.asked(0).body());
        assertEquals("Recorded as decision mine; its outcome is not known yet: see noesis summary ep-1\n", cli.out());
    }

    @Test
    void aRefusedDecisionExitsOneAndPrintsTheRefusal() throws Exception {
        approvals.answer(problem(409, REFUSED), problem(409, REFUSED));

        assertEquals(1, cli.run("approve", "ep-1"));
        assertEquals("noesis: approval-service answered 409 Decision refused: Episode ep-1 is not awaiting approval.\n"
                + "  refusal: NOT_PENDING\n", cli.err());
        assertEquals("", cli.out());

        assertEquals(1, cli.run("approve", "ep-1", "--json"));
        assertEquals(ServiceClient.JSON.readTree(REFUSED), ServiceClient.JSON.readTree(cli.out()));
    }

    @Test
    void aRejectionNeedsAReasonAndGoesToReject() {
        assertEquals(2, cli.run("reject", "ep-1"));
        assertTrue(approvals.asked().isEmpty());

        approvals.answer(json(200, "{\"decision_id\":\"d2\",\"episode_id\":\"ep-1\",\"verdict\":\"REJECTED\",\"approvals\":0,"
                + "\"required_approvals\":1,\"command_id\":\"c2\",\"message\":\"Rejected by bob\"}"));
        assertEquals(0, cli.run("reject", "ep-1", "-r", "not during the freeze"), cli::err);
        assertEquals("/approvals/ep-1/reject", approvals.asked(0).uri());
        assertTrue(approvals.asked(0).body().contains("\"reason\":\"not during the freeze\""));
    }

    @Test
    void aTokenWithoutTheRoleExitsFive() {
        approvals.answer(problem(403, "{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"approver role required\"}"));

        assertEquals(5, cli.run("approve", "ep-1"));
        assertEquals("noesis: approval-service answered 403 Forbidden: approver role required\n", cli.err());
    }

    @Test
    void anUnreachableServiceExitsThreeAndSaysHowToRepeatTheDecisionSafely() {
        approvals.close();

        assertEquals(3, cli.run("approve", "ep-1", "--decision-id", "d-9"));

        assertTrue(cli.err().startsWith("Whether the decision arrived is unknown: repeat it with --decision-id d-9\n"
                + "noesis: Cannot reach approval-service at " + approvals.url() + "/"), cli::err);
    }
}
