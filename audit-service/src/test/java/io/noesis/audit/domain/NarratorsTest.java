package io.noesis.audit.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.schemas.AgentReport;
import io.noesis.schemas.ApprovalAwaited;
import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.DecisionChannel;
import io.noesis.schemas.DecisionKind;
import io.noesis.schemas.DecisionOutcome;
import io.noesis.schemas.DecisionResult;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeRejected;
import io.noesis.schemas.EpisodeRequest;
import io.noesis.schemas.EpisodeResumed;
import io.noesis.schemas.EpisodeStarted;
import io.noesis.schemas.EvaluationSubject;
import io.noesis.schemas.IntuitionApplied;
import io.noesis.schemas.Intervention;
import io.noesis.schemas.InterventionPatch;
import io.noesis.schemas.InterventionTarget;
import io.noesis.schemas.PolicyEvaluation;
import io.noesis.schemas.ProposedAction;
import io.noesis.schemas.RefusalReason;
import io.noesis.schemas.ReportType;
import io.noesis.schemas.SecurityEvent;
import io.noesis.schemas.SecurityEventKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NarratorsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Intervention KEYWORDS = Intervention.newBuilder()
            .setPolicy("high_risk_keywords").setPolicyVersion("1").setAdvice("Hold it.")
            .setPatch(new InterventionPatch(true, "high-risk keyword(s) in the task: drop"))
            .setTarget(InterventionTarget.PLAN).setRationale("irreversible").build();

    @Test
    void aRequestIsTheRequestersAct() {
        Narration narration = new RequestNarrator().narrate(EpisodeRequest.newBuilder()
                .setTask("drop the cache").setRequestedBy("alice").setEnvironment("prod")
                .setIntuition(List.of("high_risk_keywords")).build());

        assertEquals(new Narration("alice", "REQUESTED",
                "asked for task \"drop the cache\" in prod, policies: high_risk_keywords"), narration);
    }

    @Test
    void anAnonymousRequestHasAnUnknownActorAndAHugeTaskIsCut() {
        Narration narration = new RequestNarrator().narrate(EpisodeRequest.newBuilder()
                .setTask("x".repeat(10_000)).setIntuition(false).build());

        assertEquals("unknown", narration.actor());
        assertTrue(narration.summary().endsWith("…\", policies: none"), narration.summary());
        assertTrue(narration.summary().length() < 300);
    }

    @Test
    void anIntuitionEventNamesThePolicyAndItsReason() {
        Narration narration = new EpisodeEventNarrator().narrate(event(EpisodeEventType.INTUITION, 3,
                new IntuitionApplied("eval-evt-1", "builtin-1", KEYWORDS)));

        assertEquals(new Narration("episode-service", "INTUITION",
                "#3 high_risk_keywords@1: high-risk keyword(s) in the task: drop (requires approval) (eval-evt-1)"),
                narration);
    }

    @Test
    void awaitingApprovalListsTheReasons() {
        ApprovalAwaited awaited = ApprovalAwaited.newBuilder()
                .setEvaluationId("eval-1").setSubject(EvaluationSubject.REQUEST).setTask("drop it")
                .setRequestedBy("alice").setRiskScore(0.8).setRequiredApprovals(2).setApproverGroup("sre")
                .setDeadline(NOW).setReasons(List.of("keyword drop", "production")).build();

        Narration narration = new EpisodeEventNarrator().narrate(event(EpisodeEventType.AWAITING_APPROVAL, 5, awaited));

        assertEquals("#5 awaiting 2 approval(s) from group sre until 2026-03-01T10:00:00Z, risk 0.80; "
                + "reasons: keyword drop, production", narration.summary());
        assertEquals("episode-service", narration.actor());
    }

    @Test
    void resumedAndRejectedAreTheApproversActs() {
        EpisodeEventNarrator narrator = new EpisodeEventNarrator();

        Narration resumed = narrator.narrate(event(EpisodeEventType.RESUMED, 6,
                new EpisodeResumed("cmd-1", List.of("bob", "carol"), List.of("d-1", "d-2"), null)));
        Narration rejected = narrator.narrate(event(EpisodeEventType.REJECTED, 6,
                new EpisodeRejected("cmd-2", List.of("dave"), List.of("d-3"), "too risky")));
        Narration started = narrator.narrate(event(EpisodeEventType.STARTED, 4, new EpisodeStarted("cmd-0")));

        assertEquals(new Narration("bob, carol", "RESUMED", "#6 resumed by command cmd-1, decisions d-1, d-2"), resumed);
        assertEquals(new Narration("dave", "REJECTED",
                "#6 rejected by command cmd-2, decisions d-3 (reason: \"too risky\")"), rejected);
        assertEquals(new Narration("episode-service", "STARTED", "#4 started by command cmd-0"), started);
    }

    @Test
    void anEvaluationListsEveryPolicyThatIntervened() {
        PolicyEvaluation evaluation = PolicyEvaluation.newBuilder()
                .setEvaluationId("eval-evt-1").setEpisodeId("ep-1").setSubject(EvaluationSubject.REQUEST)
                .setRequiresApproval(true).setRiskScore(0.8).setRequiredApprovals(1).setRuleSetVersion("builtin-1")
                .setInterventions(List.of(KEYWORDS)).setEvaluatedAt(NOW).build();

        assertEquals(new Narration("policy-service", "EVALUATED", "eval-evt-1 of the REQUEST: requires 1 approval(s) "
                + "(risk 0.80, rule set builtin-1); policies that intervened: high_risk_keywords@1"),
                new EvaluationNarrator().narrate(evaluation));
    }

    @Test
    void aDecisionIsTheApproversAct() {
        ApprovalDecision decision = ApprovalDecision.newBuilder()
                .setDecisionId("d-1").setEpisodeId("ep-1").setOutcome(DecisionKind.REJECT).setApprover("bob")
                .setApproverGroups(List.of("sre")).setReason("not now").setChannel(DecisionChannel.SLACK)
                .setDecidedAt(NOW).build();

        assertEquals(new Narration("bob", "REJECT", "decision d-1 via SLACK, as member of sre (reason: \"not now\")"),
                new DecisionNarrator().narrate(decision));
    }

    @Test
    void anOutcomeGivesTheVerdictOrTheRefusal() {
        DecisionOutcome refused = DecisionOutcome.newBuilder()
                .setDecisionId("d-2").setEpisodeId("ep-1").setApprover("alice").setAccepted(false)
                .setVerdict(DecisionResult.REFUSED).setRefusal(RefusalReason.SELF_APPROVAL)
                .setMessage("requesters cannot approve their own episodes").setRequiredApprovals(1)
                .setJudgedAt(NOW).build();

        assertEquals(new Narration("approval-service", "REFUSED", "decision d-2 by alice refused because SELF_APPROVAL, "
                + "0 of 1 approval(s): requesters cannot approve their own episodes"),
                new OutcomeNarrator().narrate(refused));
    }

    @Test
    void aCommandIsTheIssuersAct() {
        EpisodeCommand resume = EpisodeCommand.newBuilder()
                .setCommandId("cmd-1").setEpisodeId("ep-1").setType(CommandType.RESUME).setIssuedAt(NOW)
                .setIssuedBy("approval-service").setApprovers(List.of("bob")).setDecisionIds(List.of("d-1"))
                .setReason("quorum reached").build();

        assertEquals(new Narration("approval-service", "RESUME",
                "command cmd-1, approved by bob (reason: \"quorum reached\")"), new CommandNarrator().narrate(resume));
    }

    @Test
    void aReportIsTheAgentsAct() {
        AgentReport step = AgentReport.newBuilder().setReportId("r-1").setEpisodeId("ep-1").setType(ReportType.STEP)
                .setReportedAt(NOW).setAgent("reference-agent").setMessage("listing tables").build();
        AgentReport proposal = AgentReport.newBuilder().setReportId("r-2").setEpisodeId("ep-1")
                .setType(ReportType.ACTION_PROPOSED).setReportedAt(NOW).setAgent("reference-agent")
                .setAction(new ProposedAction("a-1", "DROP TABLE tmp", null)).build();

        assertEquals(new Narration("reference-agent", "STEP", "report r-1: \"listing tables\""),
                new ReportNarrator().narrate(step));
        assertEquals(new Narration("reference-agent", "ACTION_PROPOSED", "report r-2: proposes \"DROP TABLE tmp\""),
                new ReportNarrator().narrate(proposal));
    }

    private static EpisodeEvent event(EpisodeEventType type, long sequence, Object payload) {
        return EpisodeEvent.newBuilder().setEventId("evt-" + sequence).setEpisodeId("ep-1").setSequence(sequence)
                .setType(type).setTime(NOW).setSource("test").setPayload(payload).build();
    }

    @Test
    void aRefusedRequestIsToldAsAnUnverifiedCallersWithItsClaims() {
        SecurityEvent forged = SecurityEvent.newBuilder().setEventId("sec-1").setKind(SecurityEventKind.SLACK_SIGNATURE_FORGED)
                .setChannel("SLACK").setClaimedEpisodeId("ep-42").setClaimedUserId("U0MALLORY").setRemoteAddress("10.1.2.3")
                .setOccurredAt(NOW).setDetail("the signature does not match").build();

        assertEquals(new Narration("unverified caller", "SLACK_SIGNATURE_FORGED",
                "refused a SLACK request from \"10.1.2.3\": \"the signature does not match\"; unverified, it claimed"
                        + " user \"U0MALLORY\", episode \"ep-42\" (security event sec-1)"),
                new SecurityEventNarrator().narrate(forged));
    }

    @Test
    void aRefusedRequestThatClaimsNothingSaysSoAndLongTextIsCut() {
        SecurityEvent unsigned = SecurityEvent.newBuilder().setEventId("sec-2").setKind(SecurityEventKind.SLACK_SIGNATURE_MISSING)
                .setChannel("SLACK").setOccurredAt(NOW).setDetail("x".repeat(10_000)).build();

        Narration narration = new SecurityEventNarrator().narrate(unsigned);

        assertTrue(narration.summary().startsWith("refused a SLACK request: \"xxx"), narration.summary());
        assertTrue(narration.summary().endsWith("…\"; it claimed nothing (security event sec-2)"), narration.summary());
        assertTrue(narration.summary().length() < 300);
    }
}
