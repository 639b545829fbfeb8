package io.noesis.episode.domain;

import static io.noesis.episode.domain.EpisodeStatus.AWAITING_APPROVAL;
import static io.noesis.episode.domain.EpisodeStatus.EVALUATING;
import static io.noesis.episode.domain.EpisodeStatus.RUNNING;

import io.noesis.schemas.AgentReport;
import io.noesis.schemas.ApprovalAwaited;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeCompleted;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeExpired;
import io.noesis.schemas.EpisodeFailed;
import io.noesis.schemas.EpisodeRejected;
import io.noesis.schemas.EpisodeRequest;
import io.noesis.schemas.EpisodeRequested;
import io.noesis.schemas.EpisodeResumed;
import io.noesis.schemas.EpisodeStarted;
import io.noesis.schemas.EvaluationStarted;
import io.noesis.schemas.EvaluationSubject;
import io.noesis.schemas.Intervention;
import io.noesis.schemas.IntuitionApplied;
import io.noesis.schemas.PolicyEvaluation;
import io.noesis.schemas.ReportType;
import io.noesis.schemas.RequestRefused;
import io.noesis.schemas.StepReported;
import io.noesis.schemas.TransitionRefused;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The episode state machine: given an episode's state (or none) and one input, the events to append,
 * the commands to issue and the new state. Pure: the caller supplies the time and stores the result.
 */
public final class EpisodeLifecycle {

    /** The issued_by of the commands this service writes. */
    public static final String ISSUER = "episode-service";
    public static final String ANONYMOUS_REQUESTER = "anonymous";
    public static final String NO_STATE = "NONE";
    public static final String ACTION_PROPOSALS_NOT_EVALUATED = "mid-run action proposals are not evaluated by this version";

    private final Duration defaultApprovalTimeout;

    /** @param defaultApprovalTimeout how long an approval may stay pending when the policies do not say */
    public EpisodeLifecycle(Duration defaultApprovalTimeout) {
        this.defaultApprovalTimeout = Objects.requireNonNull(defaultApprovalTimeout);
    }

    public Transition apply(String episodeId, Optional<EpisodeState> current, EpisodeInput input, Instant now) {
        if (input instanceof EpisodeInput.Request request) {
            return onRequest(episodeId, current, request.request(), now);
        }
        if (input instanceof EpisodeInput.Command command && isIssuedHere(command.command().getType())) {
            return Transition.unchanged(current);
        }
        if (current.isEmpty()) {
            return refusedWithoutEpisode(input, "unknown episode " + episodeId);
        }
        EpisodeState state = current.get();
        if (input instanceof EpisodeInput.Evaluation evaluation) {
            return onEvaluation(state, evaluation, now);
        }
        if (input instanceof EpisodeInput.Command command) {
            return onCommand(state, command, now);
        }
        return onReport(state, (EpisodeInput.Report) input, now);
    }

    /** START and CANCEL are what this service tells agents; reading them back must not change the episode. */
    private static boolean isIssuedHere(CommandType type) {
        return type == CommandType.START || type == CommandType.CANCEL;
    }

    private Transition onRequest(String episodeId, Optional<EpisodeState> current, EpisodeRequest request, Instant now) {
        if (current.isPresent()) {
            return Transition.unchanged(current);
        }
        List<RequestViolation> violations = new ArrayList<>();
        if (!EpisodeRequestRules.isEpisodeId(episodeId)) {
            violations.add(new RequestViolation("episode_id", "the record key must be an episode id"));
        } else if (request.getEpisodeId() != null && !request.getEpisodeId().equals(episodeId)) {
            violations.add(new RequestViolation("episode_id", "must equal the record key " + episodeId));
        }
        violations.addAll(EpisodeRequestRules.validate(request));
        return violations.isEmpty() ? open(episodeId, request, now) : requestRefused(violations);
    }

    private static Transition open(String episodeId, EpisodeRequest request, Instant now) {
        String requestedBy = request.getRequestedBy() == null ? ANONYMOUS_REQUESTER : request.getRequestedBy();
        Object intuition = request.getIntuition() instanceof List<?> policies ? List.copyOf(policies) : request.getIntuition();
        EventLog log = new EventLog(0);
        log.append(EpisodeEventType.REQUESTED, new EpisodeRequested(request.getTask(), intuition, request.getTags(),
                request.getEnvironment(), requestedBy, request.getParentEpisodeId()));
        log.append(EpisodeEventType.EVALUATING, new EvaluationStarted(EvaluationSubject.REQUEST, null));
        EpisodeState state = new EpisodeState(episodeId, EVALUATING, request.getTask(), request.getTags(),
                request.getEnvironment(), requestedBy, request.getParentEpisodeId(), intuition, EpisodeFlags.NONE,
                List.of(), EpisodeApprovals.NONE, null, List.of(), now, now, log.lastSequence());
        return new Transition(Optional.of(state), log.events(), List.of());
    }

    private static Transition requestRefused(List<RequestViolation> violations) {
        String reason = violations.stream().map(v -> v.field() + " " + v.reason()).collect(Collectors.joining("; "));
        NewEvent refused = new NewEvent(NewEvent.NO_EPISODE, EpisodeEventType.REQUEST_REFUSED,
                new RequestRefused(violations.get(0).field(), reason));
        return new Transition(Optional.empty(), List.of(refused), List.of());
    }

    private Transition onEvaluation(EpisodeState state, EpisodeInput.Evaluation input, Instant now) {
        PolicyEvaluation evaluation = input.evaluation();
        if (!state.isIn(EVALUATING)) {
            return refused(state, input, "no evaluation is awaited in state " + state.status());
        }
        if (evaluation.getSubject() == EvaluationSubject.ACTION) {
            return refused(state, input, ACTION_PROPOSALS_NOT_EVALUATED);
        }
        EventLog log = new EventLog(state.lastSequence());
        for (Intervention intervention : evaluation.getInterventions()) {
            log.append(EpisodeEventType.INTUITION,
                    new IntuitionApplied(evaluation.getEvaluationId(), evaluation.getRuleSetVersion(), intervention));
        }
        List<String> reasons = riskReasons(evaluation);
        EpisodeFlags flags = new EpisodeFlags(evaluation.getRequiresApproval(),
                reasons.isEmpty() ? null : String.join("; ", reasons), null);
        List<AppliedIntervention> applied = evaluation.getInterventions().stream().map(AppliedIntervention::of).toList();
        if (!evaluation.getRequiresApproval()) {
            return start(state.withEvaluation(flags, applied, null), log, now);
        }
        Instant deadline = now.plus(approvalTimeout(evaluation));
        return awaitApproval(state.withEvaluation(flags, applied, deadline), evaluation, reasons, log, now);
    }

    private static List<String> riskReasons(PolicyEvaluation evaluation) {
        return evaluation.getInterventions().stream()
                .map(intervention -> intervention.getPatch().getRiskReason())
                .filter(Objects::nonNull)
                .toList();
    }

    private Duration approvalTimeout(PolicyEvaluation evaluation) {
        Long seconds = evaluation.getApprovalTimeoutSeconds();
        return seconds == null ? defaultApprovalTimeout : Duration.ofSeconds(seconds);
    }

    private static Transition start(EpisodeState state, EventLog log, Instant now) {
        String commandId = state.episodeId() + "-start";
        log.append(EpisodeEventType.STARTED, new EpisodeStarted(commandId));
        EpisodeCommand start = EpisodeCommand.newBuilder()
                .setCommandId(commandId)
                .setEpisodeId(state.episodeId())
                .setType(CommandType.START)
                .setIssuedAt(now)
                .setIssuedBy(ISSUER)
                .setTask(state.task())
                .setTags(state.tags())
                .build();
        return new Transition(Optional.of(state.moveTo(RUNNING, now, log.lastSequence())), log.events(), List.of(start));
    }

    private static Transition awaitApproval(EpisodeState state, PolicyEvaluation evaluation, List<String> reasons,
            EventLog log, Instant now) {
        log.append(EpisodeEventType.AWAITING_APPROVAL, ApprovalAwaited.newBuilder()
                .setEvaluationId(evaluation.getEvaluationId())
                .setSubject(evaluation.getSubject())
                .setAction(evaluation.getAction())
                .setTask(state.task())
                .setRequestedBy(state.requestedBy())
                .setRiskScore(evaluation.getRiskScore())
                .setRequiredApprovals(evaluation.getRequiredApprovals())
                .setApproverGroup(evaluation.getApproverGroup())
                .setDeadline(state.approvalDeadline())
                .setReasons(reasons)
                .build());
        return new Transition(Optional.of(state.moveTo(AWAITING_APPROVAL, now, log.lastSequence())), log.events(), List.of());
    }

    private static Transition onCommand(EpisodeState state, EpisodeInput.Command input, Instant now) {
        EpisodeCommand command = input.command();
        if (!state.isIn(AWAITING_APPROVAL)) {
            return refused(state, input, "no approval is pending in state " + state.status());
        }
        EpisodeApprovals decided = new EpisodeApprovals(command.getApprovers(), command.getDecisionIds(), command.getReason());
        EventLog log = new EventLog(state.lastSequence());
        EpisodeStatus next = switch (command.getType()) {
            case RESUME -> {
                log.append(EpisodeEventType.RESUMED, new EpisodeResumed(command.getCommandId(), decided.approvers(),
                        decided.decisionIds(), decided.reason()));
                yield RUNNING;
            }
            case REJECT -> {
                log.append(EpisodeEventType.REJECTED, new EpisodeRejected(command.getCommandId(), decided.approvers(),
                        decided.decisionIds(), decided.reason()));
                yield EpisodeStatus.REJECTED;
            }
            case EXPIRE -> {
                log.append(EpisodeEventType.EXPIRED, new EpisodeExpired(command.getCommandId(), state.approvalDeadline()));
                yield EpisodeStatus.EXPIRED;
            }
            case START, CANCEL -> throw new IllegalArgumentException("episode-service does not apply its own " + command.getType());
        };
        EpisodeState moved = state.withApprovals(decided).moveTo(next, now, log.lastSequence());
        return new Transition(Optional.of(moved), log.events(), List.of());
    }

    private static Transition onReport(EpisodeState state, EpisodeInput.Report input, Instant now) {
        AgentReport report = input.report();
        if (state.hasApplied(report.getReportId())) {
            return Transition.unchanged(Optional.of(state));
        }
        if (report.getType() == ReportType.ACTION_PROPOSED) {
            return refused(state, input, ACTION_PROPOSALS_NOT_EVALUATED);
        }
        if (!state.isIn(RUNNING)) {
            return refused(state, input, "the episode is not running but " + state.status());
        }
        EventLog log = new EventLog(state.lastSequence());
        String message = report.getMessage();
        EpisodeStatus next = switch (report.getType()) {
            case STEP -> {
                log.append(EpisodeEventType.STEP, new StepReported(report.getReportId(), report.getAgent(),
                        message == null ? "" : message));
                yield RUNNING;
            }
            case COMPLETED -> {
                log.append(EpisodeEventType.COMPLETED, new EpisodeCompleted(report.getReportId(), report.getAgent(), message));
                yield EpisodeStatus.COMPLETED;
            }
            case FAILED -> {
                log.append(EpisodeEventType.FAILED, new EpisodeFailed(report.getReportId(), report.getAgent(),
                        message == null ? "no error given" : message));
                yield EpisodeStatus.FAILED;
            }
            case ACTION_PROPOSED -> throw new IllegalArgumentException("action proposals are refused before this point");
        };
        EpisodeState moved = state.withAppliedReport(report.getReportId()).moveTo(next, now, log.lastSequence());
        return new Transition(Optional.of(moved), log.events(), List.of());
    }

    /** A refusal is recorded in the episode's log and changes nothing else. */
    private static Transition refused(EpisodeState state, EpisodeInput input, String reason) {
        long sequence = state.lastSequence() + 1;
        NewEvent refusal = new NewEvent(sequence, EpisodeEventType.TRANSITION_REFUSED,
                new TransitionRefused(input.label(), input.inputId(), state.status().name(), reason));
        return new Transition(Optional.of(state.withSequence(sequence)), List.of(refusal), List.of());
    }

    private static Transition refusedWithoutEpisode(EpisodeInput input, String reason) {
        NewEvent refusal = new NewEvent(NewEvent.NO_EPISODE, EpisodeEventType.TRANSITION_REFUSED,
                new TransitionRefused(input.label(), input.inputId(), NO_STATE, reason));
        return new Transition(Optional.empty(), List.of(refusal), List.of());
    }

    /** Numbers the events of one transition after the episode's last sequence. */
    private static final class EventLog {

        private final List<NewEvent> events = new ArrayList<>();
        private long sequence;

        EventLog(long lastSequence) {
            this.sequence = lastSequence;
        }

        void append(EpisodeEventType type, Object payload) {
            events.add(new NewEvent(++sequence, type, payload));
        }

        long lastSequence() {
            return sequence;
        }

        List<NewEvent> events() {
            return events;
        }
    }
}
