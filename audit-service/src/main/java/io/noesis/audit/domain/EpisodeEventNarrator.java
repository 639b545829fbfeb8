package io.noesis.audit.domain;

import io.noesis.schemas.ActionProposed;
import io.noesis.schemas.ApprovalAwaited;
import io.noesis.schemas.EpisodeCancelled;
import io.noesis.schemas.EpisodeCompleted;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeExpired;
import io.noesis.schemas.EpisodeFailed;
import io.noesis.schemas.EpisodeRejected;
import io.noesis.schemas.EpisodeRequested;
import io.noesis.schemas.EpisodeResumed;
import io.noesis.schemas.EpisodeStarted;
import io.noesis.schemas.EvaluationStarted;
import io.noesis.schemas.IntuitionApplied;
import io.noesis.schemas.Intervention;
import io.noesis.schemas.RequestRefused;
import io.noesis.schemas.StepReported;
import io.noesis.schemas.TransitionRefused;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The episode log's events. episode-service writes every one of them, but a resume or a rejection is
 * the approvers' act, so those name the approvers as the actor.
 */
public final class EpisodeEventNarrator implements Narrator<EpisodeEvent> {

    public static final String ACTOR = "episode-service";

    private static final Map<Class<?>, Function<Object, String>> SUMMARIES = Map.ofEntries(
            summary(EpisodeRequested.class, p -> "task " + Wording.quoted(p.getTask()) + " requested by "
                    + Wording.orUnknown(p.getRequestedBy())),
            summary(EvaluationStarted.class, p -> "evaluating the " + p.getSubject()
                    + (p.getAction() == null ? "" : " " + Wording.quoted(p.getAction().getAction()))),
            summary(IntuitionApplied.class, p -> intervention(p.getIntervention()) + " (" + p.getEvaluationId() + ")"),
            summary(ApprovalAwaited.class, EpisodeEventNarrator::awaited),
            summary(EpisodeStarted.class, p -> "started by command " + p.getCommandId()),
            summary(EpisodeResumed.class, p -> "resumed by command " + p.getCommandId() + ", decisions "
                    + Wording.listOf(p.getDecisionIds(), "none") + Wording.reason(p.getReason())),
            summary(EpisodeRejected.class, p -> "rejected by command " + p.getCommandId() + ", decisions "
                    + Wording.listOf(p.getDecisionIds(), "none") + Wording.reason(p.getReason())),
            summary(EpisodeExpired.class, p -> "expired by command " + p.getCommandId() + ", deadline " + p.getDeadline()),
            summary(EpisodeCancelled.class, p -> "cancelled by " + p.getCancelledBy() + Wording.reason(p.getReason())),
            summary(StepReported.class, p -> p.getAgent() + ": " + Wording.quoted(p.getMessage())),
            summary(ActionProposed.class, p -> p.getAgent() + " proposes " + Wording.quoted(p.getAction().getAction())),
            summary(EpisodeCompleted.class, p -> p.getAgent() + " completed: " + Wording.quoted(p.getSummary())),
            summary(EpisodeFailed.class, p -> p.getAgent() + " failed: " + Wording.quoted(p.getError())),
            summary(TransitionRefused.class, p -> "refused " + p.getInput() + " in state " + p.getFromState() + ": "
                    + p.getReason()),
            summary(RequestRefused.class, p -> "request refused" + (p.getField() == null ? "" : " (field "
                    + p.getField() + ")") + ": " + p.getReason()));

    @Override
    public Narration narrate(EpisodeEvent event) {
        Object payload = event.getPayload();
        // A payload type added to the schema after this build is still recorded, by its name.
        String summary = SUMMARIES.getOrDefault(payload.getClass(), p -> "payload " + p.getClass().getSimpleName())
                .apply(payload);
        return new Narration(actorOf(payload), event.getType().name(), "#" + event.getSequence() + " " + summary);
    }

    private static String actorOf(Object payload) {
        if (payload instanceof EpisodeResumed resumed) {
            return Wording.orUnknown(Wording.listOf(resumed.getApprovers(), null));
        }
        if (payload instanceof EpisodeRejected rejected) {
            return Wording.orUnknown(Wording.listOf(rejected.getApprovers(), null));
        }
        return ACTOR;
    }

    static String intervention(Intervention intervention) {
        String reason = intervention.getPatch().getRiskReason();
        return intervention.getPolicy() + "@" + intervention.getPolicyVersion() + ": "
                + (reason == null ? intervention.getAdvice() : reason)
                + (intervention.getPatch().getRequiresApproval() ? " (requires approval)" : "");
    }

    private static String awaited(ApprovalAwaited awaited) {
        String group = awaited.getApproverGroup() == null ? "any approver" : "group " + awaited.getApproverGroup();
        return String.format(Locale.ROOT, "awaiting %d approval(s) from %s until %s, risk %.2f; reasons: %s",
                awaited.getRequiredApprovals(), group,
                awaited.getDeadline() == null ? "no deadline" : awaited.getDeadline(), awaited.getRiskScore(),
                Wording.listOf(awaited.getReasons(), "none given"));
    }

    private static <P> Map.Entry<Class<?>, Function<Object, String>> summary(Class<P> type, Function<P, String> says) {
        return Map.entry(type, payload -> says.apply(type.cast(payload)));
    }
}
