package io.noesis.episode.domain;

import static io.noesis.episode.domain.EpisodeStatus.AWAITING_APPROVAL;
import static io.noesis.episode.domain.EpisodeStatus.EVALUATING;
import static io.noesis.episode.domain.EpisodeStatus.RUNNING;

import io.noesis.schemas.ActionProposed;
import io.noesis.schemas.AgentReport;
import io.noesis.schemas.ApprovalAwaited;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCancelled;
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
    /** The reason on the RESUME this service issues when the policies let a proposed action through. */
    public static final String NO_APPROVAL_REQUIRED = "no approval required";

    /** The most reports an episode holds for commands not yet applied: an agent cannot make it grow without end. */
    static final int MAX_HELD_REPORTS = 100;

    private final Duration defaultApprovalTimeout;

    /** @param defaultApprovalTimeout how long an approval may stay pending when the policies do not say */
    public EpisodeLifecycle(Duration defaultApprovalTimeout) {
        this.defaultApprovalTimeout = Objects.requireNonNull(defaultApprovalTimeout);
    }

    public Transition apply(String episodeId, Optional<EpisodeState> current, EpisodeInput input, Instant now) {
        if (input instanceof EpisodeInput.Request request) {
            return onRequest(episodeId, current, request, now);
        }
        if (input instanceof EpisodeInput.Command command && isIssuedHere(command.command())) {
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
            return command.command().getType() == CommandType.CANCEL
                    ? onCancel(state, command, now) : onCommand(state, command, now);
        }
        return onReport(state, (EpisodeInput.Report) input, now);
    }

    /**
     * A START, and a RESUME this service issued for an action the policies let through, are recorded as
     * events when issued: reading them back must not change the episode. A CANCEL is applied when read.
     */
    private static boolean isIssuedHere(EpisodeCommand command) {
        return command.getType() == CommandType.START
                || (command.getType() == CommandType.RESUME && ISSUER.equals(command.getIssuedBy()));
    }

    private Transition onRequest(String episodeId, Optional<EpisodeState> current, EpisodeInput.Request input, Instant now) {
        if (current.isPresent()) {
            return Transition.unchanged(current);
        }
        EpisodeRequest request = input.request();
        List<RequestViolation> violations = new ArrayList<>();
        if (!EpisodeRequestRules.isEpisodeId(episodeId)) {
            violations.add(new RequestViolation("episode_id", "the record key must be an episode id"));
        } else if (request.getEpisodeId() != null && !request.getEpisodeId().equals(episodeId)) {
            violations.add(new RequestViolation("episode_id", "must equal the record key " + episodeId));
        }
        violations.addAll(EpisodeRequestRules.validate(request));
        return violations.isEmpty() ? open(episodeId, input, now) : requestRefused(input, violations);
    }

    private static Transition open(String episodeId, EpisodeInput.Request input, Instant now) {
        EpisodeRequest request = input.request();
        String requestedBy = request.getRequestedBy() == null ? ANONYMOUS_REQUESTER : request.getRequestedBy();
        Object intuition = request.getIntuition() instanceof List<?> policies ? List.copyOf(policies) : request.getIntuition();
        EventLog log = new EventLog(0, input);
        log.append(EpisodeEventType.REQUESTED, new EpisodeRequested(request.getTask(), intuition, request.getTags(),
                request.getEnvironment(), requestedBy, request.getParentEpisodeId()));
        log.append(EpisodeEventType.EVALUATING, new EvaluationStarted(EvaluationSubject.REQUEST, null));
        EpisodeState state = new EpisodeState(episodeId, EVALUATING, request.getTask(), request.getTags(),
                request.getEnvironment(), requestedBy, request.getParentEpisodeId(), intuition, EpisodeFlags.NONE,
                List.of(), EpisodeApprovals.NONE, null, null, List.of(), List.of(), now, now, log.lastSequence());
        return new Transition(Optional.of(state), log.events(), List.of());
    }

    private static Transition requestRefused(EpisodeInput.Request input, List<RequestViolation> violations) {
        String reason = violations.stream().map(v -> v.field() + " " + v.reason()).collect(Collectors.joining("; "));
        NewEvent refused = new NewEvent(NewEvent.NO_EPISODE, EpisodeEventType.REQUEST_REFUSED,
                new RequestRefused(violations.get(0).field(), reason), input.source());
        return new Transition(Optional.empty(), List.of(refused), List.of());
    }

    private Transition onEvaluation(EpisodeState state, EpisodeInput.Evaluation input, Instant now) {
        PolicyEvaluation evaluation = input.evaluation();
        if (!state.isIn(EVALUATING)) {
            return refused(state, input, "no evaluation is awaited in state " + state.status());
        }
        Optional<String> mismatch = subjectMismatch(state.pendingAction(), evaluation);
        if (mismatch.isPresent()) {
            return refused(state, input, mismatch.get());
        }
        EventLog log = new EventLog(state.lastSequence(), input);
        for (Intervention intervention : evaluation.getInterventions()) {
            log.append(EpisodeEventType.INTUITION,
                    new IntuitionApplied(evaluation.getEvaluationId(), evaluation.getRuleSetVersion(), intervention));
        }
        List<String> reasons = riskReasons(evaluation);
        EpisodeFlags flags = new EpisodeFlags(evaluation.getRequiresApproval(),
                reasons.isEmpty() ? null : String.join("; ", reasons), state.flags().proposedAction());
        List<AppliedIntervention> applied = new ArrayList<>(state.interventions());
        evaluation.getInterventions().stream().map(AppliedIntervention::of).forEach(applied::add);
        if (!evaluation.getRequiresApproval()) {
            EpisodeState evaluated = state.withEvaluation(flags, applied, null);
            return state.pendingAction() == null ? start(evaluated, log, now) : proceedWithAction(evaluated, log, now);
        }
        Instant deadline = now.plus(approvalTimeout(evaluation));
        return awaitApproval(state.withEvaluation(flags, applied, deadline), evaluation, reasons, log, now);
    }

    /** Why an evaluation is not the one awaited: a request's while an action is pending, or another action's. */
    private static Optional<String> subjectMismatch(PendingAction pending, PolicyEvaluation evaluation) {
        if (evaluation.getSubject() == EvaluationSubject.REQUEST) {
            return pending == null ? Optional.empty()
                    : Optional.of("the evaluation of action " + pending.actionId() + " is awaited, not of the request");
        }
        if (pending == null) {
            return Optional.of("no proposed action awaits an evaluation");
        }
        return pending.isAbout(evaluation.getAction()) ? Optional.empty()
                : Optional.of("the evaluation of action " + pending.actionId() + " is awaited, not of another action");
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
        return new Transition(Optional.of(state.moveTo(RUNNING, now, log.lastSequence())), log.events(), List.of(start))
                .then(running -> applyHeldReports(running, commandId, now));
    }

    /** The policies let the proposed action through: the agent is told to go on, as an approval would. */
    private static Transition proceedWithAction(EpisodeState state, EventLog log, Instant now) {
        PendingAction action = state.pendingAction();
        String commandId = state.episodeId() + "-resume-" + action.actionId();
        log.append(EpisodeEventType.RESUMED, new EpisodeResumed(commandId, List.of(), List.of(), NO_APPROVAL_REQUIRED));
        EpisodeCommand resume = EpisodeCommand.newBuilder()
                .setCommandId(commandId)
                .setEpisodeId(state.episodeId())
                .setType(CommandType.RESUME)
                .setIssuedAt(now)
                .setIssuedBy(ISSUER)
                .setTags(state.tags())
                .setAction(action.toRecord())
                .setReason(NO_APPROVAL_REQUIRED)
                .setTask(state.task())
                .build();
        EpisodeState resumed = state.withPendingAction(null, state.flags()).moveTo(RUNNING, now, log.lastSequence());
        return new Transition(Optional.of(resumed), log.events(), List.of(resume))
                .then(running -> applyHeldReports(running, commandId, now));
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
        if (command.getAction() != null && (state.pendingAction() == null || !state.pendingAction().isAbout(command.getAction()))) {
            return refused(state, input, "the command is about action " + command.getAction().getActionId()
                    + ", which is not the one awaiting approval");
        }
        EpisodeApprovals decided = new EpisodeApprovals(command.getApprovers(), command.getDecisionIds(), command.getReason());
        EventLog log = new EventLog(state.lastSequence(), input);
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
            case START, CANCEL -> throw new IllegalArgumentException(command.getType() + " is not an approval's outcome");
        };
        EpisodeState moved = state.withApprovals(decided).withPendingAction(null, state.flags())
                .moveTo(next, now, log.lastSequence());
        return new Transition(Optional.of(moved), log.events(), List.of())
                .then(after -> applyHeldReports(after, next == RUNNING ? command.getCommandId() : null, now));
    }

    /** The cancelling caller travels as the command's only approver: the command record has no other field for it. */
    private static Transition onCancel(EpisodeState state, EpisodeInput.Command input, Instant now) {
        EpisodeCommand command = input.command();
        if (state.status().isTerminal()) {
            return refused(state, input, "the episode has already ended as " + state.status());
        }
        String cancelledBy = command.getApprovers().isEmpty() ? command.getIssuedBy() : command.getApprovers().get(0);
        EventLog log = new EventLog(state.lastSequence(), input);
        log.append(EpisodeEventType.CANCELLED, new EpisodeCancelled(cancelledBy, command.getReason()));
        EpisodeState cancelled = state.withPendingAction(null, state.flags())
                .moveTo(EpisodeStatus.CANCELLED, now, log.lastSequence());
        return new Transition(Optional.of(cancelled), log.events(), List.of())
                .then(after -> applyHeldReports(after, null, now));
    }

    private static Transition onReport(EpisodeState state, EpisodeInput.Report input, Instant now) {
        AgentReport report = input.report();
        if (state.hasApplied(report.getReportId()) || state.isHolding(report.getReportId())) {
            return Transition.unchanged(Optional.of(state));
        }
        if (report.getCommandId() != null && isPaused(state)) {
            return hold(state, input);
        }
        if (!state.isIn(RUNNING)) {
            return refused(state, input, "the episode is not running but " + state.status());
        }
        if (report.getType() == ReportType.ACTION_PROPOSED) {
            return report.getAction() == null ? refused(state, input, "an ACTION_PROPOSED report must carry its action")
                    : evaluateAction(state, input, now);
        }
        EventLog log = new EventLog(state.lastSequence(), input);
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
            case ACTION_PROPOSED -> throw new IllegalArgumentException("action proposals are evaluated before this point");
        };
        EpisodeState moved = state.withAppliedReport(report.getReportId()).moveTo(next, now, log.lastSequence());
        return new Transition(Optional.of(moved), log.events(), List.of());
    }

    /** A proposed action pauses the run while the policies look at it, as they looked at the request. */
    private static Transition evaluateAction(EpisodeState state, EpisodeInput.Report input, Instant now) {
        AgentReport report = input.report();
        EventLog log = new EventLog(state.lastSequence(), input);
        log.append(EpisodeEventType.ACTION_PROPOSED,
                new ActionProposed(report.getReportId(), report.getAgent(), report.getAction()));
        log.append(EpisodeEventType.EVALUATING, new EvaluationStarted(EvaluationSubject.ACTION, report.getAction()));
        PendingAction action = PendingAction.of(report.getAction());
        EpisodeFlags flags = new EpisodeFlags(state.flags().requiresApproval(), state.flags().riskReason(), action.action());
        EpisodeState evaluating = state.withAppliedReport(report.getReportId()).withPendingAction(action, flags)
                .moveTo(EVALUATING, now, log.lastSequence());
        return new Transition(Optional.of(evaluating), log.events(), List.of());
    }

    /**
     * Paused: the agent is waiting for a command, so a report it sends now answers one this episode has not
     * read yet. The commands and the reports are on different topics, whose partitions Kafka Streams may read
     * in either order, so the report is kept until that command is applied ({@link #applyHeldReports}).
     */
    private static boolean isPaused(EpisodeState state) {
        return !state.isIn(RUNNING) && !state.status().isTerminal();
    }

    private static Transition hold(EpisodeState state, EpisodeInput.Report input) {
        if (state.heldReports().size() >= MAX_HELD_REPORTS) {
            return refused(state, input, "already " + MAX_HELD_REPORTS + " reports wait for commands not yet applied");
        }
        return Transition.unchanged(Optional.of(state.withHeldReport(HeldReport.of(input.report()))));
    }

    /**
     * Once the run goes on, the reports held for the command that let it go on are applied, in the order they
     * came. Any other held report answers a command that was never applied here, and is refused.
     *
     * @param goingOnWith the command the run goes on with; null when the episode ended
     */
    private static Transition applyHeldReports(EpisodeState state, String goingOnWith, Instant now) {
        Transition applied = Transition.unchanged(Optional.of(state.withHeldReports(List.of())));
        for (HeldReport held : state.heldReports()) {
            EpisodeInput.Report report = new EpisodeInput.Report(held.toRecord(state.episodeId()));
            applied = applied.then(current -> held.commandId().equals(goingOnWith) ? onReport(current, report, now)
                    : refused(current, report, whyNotApplied(held, goingOnWith, current)));
        }
        return applied;
    }

    private static String whyNotApplied(HeldReport held, String goingOnWith, EpisodeState current) {
        String carriesOut = "it carries out command " + held.commandId();
        return goingOnWith == null ? carriesOut + ", and the episode ended as " + current.status() + " while it waited"
                : carriesOut + ", not " + goingOnWith + ", with which the run went on";
    }

    /** A refusal is recorded in the episode's log and changes nothing else. */
    private static Transition refused(EpisodeState state, EpisodeInput input, String reason) {
        long sequence = state.lastSequence() + 1;
        NewEvent refusal = new NewEvent(sequence, EpisodeEventType.TRANSITION_REFUSED,
                new TransitionRefused(input.label(), input.inputId(), state.status().name(), reason), input.source());
        return new Transition(Optional.of(state.withSequence(sequence)), List.of(refusal), List.of());
    }

    private static Transition refusedWithoutEpisode(EpisodeInput input, String reason) {
        NewEvent refusal = new NewEvent(NewEvent.NO_EPISODE, EpisodeEventType.TRANSITION_REFUSED,
                new TransitionRefused(input.label(), input.inputId(), NO_STATE, reason), input.source());
        return new Transition(Optional.empty(), List.of(refusal), List.of());
    }

    /** Numbers the events of one transition after the episode's last sequence. */
    private static final class EventLog {

        private final List<NewEvent> events = new ArrayList<>();
        private final String source;
        private long sequence;

        EventLog(long lastSequence, EpisodeInput cause) {
            this.sequence = lastSequence;
            this.source = cause.source();
        }

        void append(EpisodeEventType type, Object payload) {
            events.add(new NewEvent(++sequence, type, payload, source));
        }

        long lastSequence() {
            return sequence;
        }

        List<NewEvent> events() {
            return events;
        }
    }
}
