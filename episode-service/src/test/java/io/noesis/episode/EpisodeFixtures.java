package io.noesis.episode;

import io.noesis.episode.domain.EpisodeApprovals;
import io.noesis.episode.domain.EpisodeFlags;
import io.noesis.episode.domain.EpisodeState;
import io.noesis.episode.domain.EpisodeStatus;
import io.noesis.episode.domain.PendingAction;
import io.noesis.schemas.AgentReport;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeRequest;
import io.noesis.schemas.EvaluationSubject;
import io.noesis.schemas.Intervention;
import io.noesis.schemas.InterventionPatch;
import io.noesis.schemas.InterventionTarget;
import io.noesis.schemas.PolicyEvaluation;
import io.noesis.schemas.ProposedAction;
import io.noesis.schemas.ReportType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Records as the other services and clients would write them. */
public final class EpisodeFixtures {

    public static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    public static EpisodeRequest request(String episodeId, String task) {
        return EpisodeRequest.newBuilder()
                .setEpisodeId(episodeId)
                .setTask(task)
                .setTags(Map.of("team", "sre"))
                .setEnvironment("prod")
                .setRequestedBy("alice")
                .setRequestedAt(T0)
                .build();
    }

    public static Intervention intervention(String policy, boolean requiresApproval, String riskReason) {
        return Intervention.newBuilder()
                .setPolicy(policy)
                .setPolicyVersion("1")
                .setAdvice(requiresApproval ? "pause for a human" : "go ahead")
                .setPatch(new InterventionPatch(requiresApproval, riskReason))
                .setTarget(InterventionTarget.PLAN)
                .setRationale("because " + policy)
                .build();
    }

    public static PolicyEvaluation safeEvaluation(String episodeId) {
        return evaluation(episodeId, false, null, List.of(intervention("keyword", false, null)));
    }

    public static PolicyEvaluation riskyEvaluation(String episodeId) {
        return evaluation(episodeId, true, 600L, List.of(intervention("production", true, "touches production"),
                intervention("keyword", true, "deletes data")));
    }

    public static PolicyEvaluation evaluation(String episodeId, boolean requiresApproval, Long timeoutSeconds,
            List<Intervention> interventions) {
        return PolicyEvaluation.newBuilder()
                .setEvaluationId("eval-" + episodeId + "-1")
                .setEpisodeId(episodeId)
                .setSubject(EvaluationSubject.REQUEST)
                .setRequiresApproval(requiresApproval)
                .setRiskScore(requiresApproval ? 0.9 : 0.1)
                .setRequiredApprovals(requiresApproval ? 2 : 1)
                .setApproverGroup(requiresApproval ? "sre" : null)
                .setApprovalTimeoutSeconds(timeoutSeconds)
                .setRuleSetVersion("rules-7")
                .setInterventions(interventions)
                .setEvaluatedAt(T0)
                .build();
    }

    public static EpisodeCommand command(String episodeId, CommandType type) {
        return EpisodeCommand.newBuilder()
                .setCommandId(type.name().toLowerCase() + "-" + episodeId)
                .setEpisodeId(episodeId)
                .setType(type)
                .setIssuedAt(T0)
                .setIssuedBy("approval-service")
                .setDecisionIds(List.of("d-1", "d-2"))
                .setApprovers(List.of("bob", "carol"))
                .setReason("looked fine")
                .build();
    }

    public static AgentReport report(String episodeId, ReportType type) {
        return AgentReport.newBuilder()
                .setReportId("report-" + type.name().toLowerCase() + "-" + episodeId)
                .setEpisodeId(episodeId)
                .setType(type)
                .setReportedAt(T0)
                .setAgent("test-agent")
                .setMessage(type == ReportType.STEP ? "step one" : "the end")
                .setAction(type == ReportType.ACTION_PROPOSED ? proposedAction() : null)
                .build();
    }

    /** An episode in the given state, five events into its log. */
    public static EpisodeState stateIn(String episodeId, EpisodeStatus status) {
        return new EpisodeState(episodeId, status, "restart the web tier", Map.of("team", "sre"), "prod", "alice", null,
                null, EpisodeFlags.NONE, List.of(), EpisodeApprovals.NONE, T0.plusSeconds(3600), null, List.of(), List.of(), T0, T0, 5);
    }

    /** The action the fixtures' ACTION_PROPOSED report proposes. */
    public static ProposedAction proposedAction() {
        return new ProposedAction("a-1", "rm -rf /data", null);
    }

    /** What policy-service answers about a proposed action: the same action, an id derived from the event. */
    public static PolicyEvaluation actionEvaluation(String episodeId, ProposedAction action, boolean requiresApproval) {
        PolicyEvaluation evaluation = requiresApproval ? riskyEvaluation(episodeId) : safeEvaluation(episodeId);
        evaluation.setEvaluationId("eval-" + episodeId + "-" + action.getActionId());
        evaluation.setSubject(EvaluationSubject.ACTION);
        evaluation.setAction(action);
        return evaluation;
    }

    /** A command of approval-service answering the round about an action. */
    public static EpisodeCommand actionCommand(String episodeId, CommandType type, ProposedAction action) {
        EpisodeCommand command = command(episodeId, type);
        command.setCommandId(type.name().toLowerCase() + "-" + episodeId + "-" + action.getActionId());
        command.setAction(action);
        return command;
    }

    /** An episode paused while the fixtures' proposed action is evaluated or awaits approval. */
    public static EpisodeState stateWithPendingAction(String episodeId, EpisodeStatus status) {
        EpisodeState state = stateIn(episodeId, status);
        return new EpisodeState(episodeId, status, state.task(), state.tags(), state.environment(), state.requestedBy(), null,
                null, new EpisodeFlags(false, null, "rm -rf /data"), List.of(), EpisodeApprovals.NONE, state.approvalDeadline(),
                PendingAction.of(proposedAction()), List.of(), List.of(), T0, T0, 5);
    }

    private EpisodeFixtures() {
    }
}
