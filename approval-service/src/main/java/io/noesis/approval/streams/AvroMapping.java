package io.noesis.approval.streams;

import io.noesis.approval.domain.Command;
import io.noesis.approval.domain.Decision;
import io.noesis.approval.domain.Outcome;
import io.noesis.approval.domain.PendingApproval;
import io.noesis.approval.domain.RoundAdvice;
import io.noesis.approval.domain.RoundEnd;
import io.noesis.approval.domain.Vote;
import io.noesis.schemas.ApprovalAwaited;
import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.DecisionOutcome;
import io.noesis.schemas.DecisionResult;
import io.noesis.schemas.EpisodeCancelled;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeExpired;
import io.noesis.schemas.EpisodeRejected;
import io.noesis.schemas.EpisodeResumed;
import io.noesis.schemas.Intervention;
import io.noesis.schemas.IntuitionApplied;
import io.noesis.schemas.ProposedAction;
import io.noesis.schemas.RefusalReason;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Translation between the public Avro records and the domain's records. */
public final class AvroMapping {

    static final String ISSUER = "approval-service";

    /** Events after which an episode no longer waits for a decision. */
    private static final Set<EpisodeEventType> ROUND_CLOSERS = EnumSet.of(EpisodeEventType.RESUMED,
            EpisodeEventType.REJECTED, EpisodeEventType.EXPIRED, EpisodeEventType.CANCELLED,
            EpisodeEventType.COMPLETED, EpisodeEventType.FAILED);

    private AvroMapping() {
    }

    public static boolean opensRound(EpisodeEvent event) {
        return event.getType() == EpisodeEventType.AWAITING_APPROVAL && event.getPayload() instanceof ApprovalAwaited;
    }

    static boolean closesRound(EpisodeEvent event) {
        return ROUND_CLOSERS.contains(event.getType());
    }

    /**
     * How the event ended the round it closes, when it is an outcome people were waiting for: approved,
     * rejected, expired or cancelled. A RESUMED with no round before it (an action let through without
     * approval) maps too; whoever announced no round has nothing to update.
     */
    public static Optional<RoundEnd> roundEnd(EpisodeEvent event) {
        Object payload = event.getPayload();
        return Optional.ofNullable(switch (event.getType()) {
            case RESUMED -> payload instanceof EpisodeResumed resumed
                    ? new RoundEnd(RoundEnd.Kind.APPROVED, resumed.getApprovers(), resumed.getReason(), null) : null;
            case REJECTED -> payload instanceof EpisodeRejected rejected
                    ? new RoundEnd(RoundEnd.Kind.REJECTED, rejected.getApprovers(), rejected.getReason(), null) : null;
            case EXPIRED -> payload instanceof EpisodeExpired expired
                    ? new RoundEnd(RoundEnd.Kind.EXPIRED, List.of(), null, expired.getDeadline()) : null;
            case CANCELLED -> payload instanceof EpisodeCancelled cancelled
                    ? new RoundEnd(RoundEnd.Kind.CANCELLED, List.of(cancelled.getCancelledBy()), cancelled.getReason(),
                            null) : null;
            default -> null;
        });
    }

    static boolean advises(EpisodeEvent event) {
        return event.getType() == EpisodeEventType.INTUITION && event.getPayload() instanceof IntuitionApplied;
    }

    static AdviceGiven advice(EpisodeEvent event) {
        IntuitionApplied applied = (IntuitionApplied) event.getPayload();
        Intervention intervention = applied.getIntervention();
        return new AdviceGiven(applied.getEvaluationId(), new RoundAdvice.Advice(intervention.getPolicy(),
                intervention.getAdvice(), intervention.getRationale(), intervention.getPatch().getRiskReason()));
    }

    public static PendingApproval pendingApproval(EpisodeEvent event) {
        ApprovalAwaited awaited = (ApprovalAwaited) event.getPayload();
        return new PendingApproval(event.getEpisodeId(), awaited.getEvaluationId(), awaited.getSubject().name(),
                proposedStep(awaited.getAction()), awaited.getTask(), awaited.getRequestedBy(), awaited.getReasons(),
                awaited.getRiskScore(), awaited.getRequiredApprovals(), awaited.getApproverGroup(),
                awaited.getDeadline(), event.getTime());
    }

    static Decision decision(ApprovalDecision record) {
        return new Decision(record.getDecisionId(), record.getEpisodeId(), Vote.valueOf(record.getOutcome().name()),
                record.getApprover(), new HashSet<>(record.getApproverGroups()), record.getReason());
    }

    static DecisionOutcome outcomeRecord(Outcome outcome, Instant judgedAt) {
        return DecisionOutcome.newBuilder()
                .setDecisionId(outcome.decisionId())
                .setEpisodeId(outcome.episodeId())
                .setApprover(outcome.approver())
                .setAccepted(outcome.accepted())
                .setVerdict(DecisionResult.valueOf(outcome.verdict().name()))
                .setRefusal(outcome.refusal() == null ? null : RefusalReason.valueOf(outcome.refusal().name()))
                .setMessage(outcome.message())
                .setApprovals(outcome.approvals())
                .setRequiredApprovals(outcome.requiredApprovals())
                .setCommandId(outcome.commandId())
                .setJudgedAt(judgedAt)
                .build();
    }

    static EpisodeCommand commandRecord(Command command, Instant issuedAt) {
        return EpisodeCommand.newBuilder()
                .setCommandId(command.commandId())
                .setEpisodeId(command.episodeId())
                .setType(CommandType.valueOf(command.kind().name()))
                .setIssuedAt(issuedAt)
                .setIssuedBy(ISSUER)
                .setTags(Map.of())
                .setTask(command.task())
                .setAction(proposedAction(command.action()))
                .setDecisionIds(command.decisionIds())
                .setApprovers(command.approvers())
                .setReason(command.reason())
                .build();
    }

    private static PendingApproval.ProposedStep proposedStep(ProposedAction action) {
        return action == null ? null
                : new PendingApproval.ProposedStep(action.getActionId(), action.getAction(), action.getDescription());
    }

    private static ProposedAction proposedAction(PendingApproval.ProposedStep step) {
        return step == null ? null : new ProposedAction(step.actionId(), step.action(), step.description());
    }
}
