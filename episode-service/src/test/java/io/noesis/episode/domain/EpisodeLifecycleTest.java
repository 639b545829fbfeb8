package io.noesis.episode.domain;

import static io.noesis.episode.EpisodeFixtures.T0;
import static io.noesis.episode.EpisodeFixtures.actionCommand;
import static io.noesis.episode.EpisodeFixtures.actionEvaluation;
import static io.noesis.episode.EpisodeFixtures.proposedAction;
import static io.noesis.episode.EpisodeFixtures.stateWithPendingAction;
import static io.noesis.episode.EpisodeFixtures.command;
import static io.noesis.episode.EpisodeFixtures.report;
import static io.noesis.episode.EpisodeFixtures.request;
import static io.noesis.episode.EpisodeFixtures.riskyEvaluation;
import static io.noesis.episode.EpisodeFixtures.safeEvaluation;
import static io.noesis.episode.EpisodeFixtures.stateIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.noesis.schemas.ActionProposed;
import io.noesis.schemas.AgentReport;
import io.noesis.schemas.ApprovalAwaited;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCancelled;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeExpired;
import io.noesis.schemas.EpisodeRequest;
import io.noesis.schemas.EpisodeRejected;
import io.noesis.schemas.EpisodeRequested;
import io.noesis.schemas.EpisodeResumed;
import io.noesis.schemas.EpisodeStarted;
import io.noesis.schemas.EvaluationStarted;
import io.noesis.schemas.EvaluationSubject;
import io.noesis.schemas.IntuitionApplied;
import io.noesis.schemas.PolicyEvaluation;
import io.noesis.schemas.ProposedAction;
import io.noesis.schemas.ReportType;
import io.noesis.schemas.RequestRefused;
import io.noesis.schemas.TransitionRefused;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EpisodeLifecycleTest {

    private static final String ID = "ep-1";
    private static final Instant NOW = T0.plusSeconds(60);

    private final EpisodeLifecycle lifecycle = new EpisodeLifecycle(Duration.ofHours(24));

    /** Every input the state machine knows, by the name the tables below use. */
    enum Input {
        REQUEST(id -> new EpisodeInput.Request(request(id, "restart the web tier"))),
        SAFE_EVALUATION(id -> new EpisodeInput.Evaluation(safeEvaluation(id))),
        RISKY_EVALUATION(id -> new EpisodeInput.Evaluation(riskyEvaluation(id))),
        SAFE_ACTION_EVALUATION(id -> new EpisodeInput.Evaluation(actionEvaluation(id, proposedAction(), false))),
        RISKY_ACTION_EVALUATION(id -> new EpisodeInput.Evaluation(actionEvaluation(id, proposedAction(), true))),
        RESUME(id -> new EpisodeInput.Command(command(id, CommandType.RESUME))),
        OWN_RESUME(id -> new EpisodeInput.Command(ownResume(id))),
        REJECT(id -> new EpisodeInput.Command(command(id, CommandType.REJECT))),
        EXPIRE(id -> new EpisodeInput.Command(command(id, CommandType.EXPIRE))),
        START(id -> new EpisodeInput.Command(command(id, CommandType.START))),
        CANCEL(id -> new EpisodeInput.Command(command(id, CommandType.CANCEL))),
        STEP(id -> new EpisodeInput.Report(report(id, ReportType.STEP))),
        COMPLETED(id -> new EpisodeInput.Report(report(id, ReportType.COMPLETED))),
        FAILED(id -> new EpisodeInput.Report(report(id, ReportType.FAILED))),
        ACTION_PROPOSED(id -> new EpisodeInput.Report(report(id, ReportType.ACTION_PROPOSED)));

        private final Function<String, EpisodeInput> make;

        Input(Function<String, EpisodeInput> make) {
            this.make = make;
        }

        EpisodeInput of(String episodeId) {
            return make.apply(episodeId);
        }
    }

    /** The transitions the flow allows; every other (state, input) pair is refused, ignored or idempotent. */
    private static final String ALLOWED = """
            EVALUATING,        SAFE_EVALUATION,  INTUITION STARTED,           RUNNING
            EVALUATING,        RISKY_EVALUATION, INTUITION INTUITION AWAITING_APPROVAL, AWAITING_APPROVAL
            AWAITING_APPROVAL, RESUME,           RESUMED,                     RUNNING
            AWAITING_APPROVAL, REJECT,           REJECTED,                    REJECTED
            AWAITING_APPROVAL, EXPIRE,           EXPIRED,                     EXPIRED
            RUNNING,           STEP,             STEP,                        RUNNING
            RUNNING,           COMPLETED,        COMPLETED,                   COMPLETED
            RUNNING,           FAILED,           FAILED,                      FAILED
            RUNNING,           ACTION_PROPOSED,  ACTION_PROPOSED EVALUATING,  EVALUATING
            REQUESTED,         CANCEL,           CANCELLED,                   CANCELLED
            EVALUATING,        CANCEL,           CANCELLED,                   CANCELLED
            RUNNING,           CANCEL,           CANCELLED,                   CANCELLED
            AWAITING_APPROVAL, CANCEL,           CANCELLED,                   CANCELLED
            """;

    /** Inputs that never produce an event for an existing episode: repeats of the request, and our own commands. */
    private static final Set<Input> IGNORED = Set.of(Input.REQUEST, Input.START, Input.OWN_RESUME);

    @ParameterizedTest(name = "{0} + {1} -> {2} / {3}")
    @CsvSource(textBlock = ALLOWED)
    void appliesAllowedTransitions(EpisodeStatus from, Input input, String eventTypes, EpisodeStatus to) {
        Transition transition = lifecycle.apply(ID, Optional.of(stateIn(ID, from)), input.of(ID), NOW);

        assertThat(types(transition)).containsExactly(Arrays.stream(eventTypes.split(" "))
                .map(EpisodeEventType::valueOf).toArray(EpisodeEventType[]::new));
        assertThat(transition.events()).extracting(NewEvent::sequence)
                .containsExactlyElementsOf(Stream.iterate(6L, n -> n + 1).limit(transition.events().size()).toList());
        EpisodeState after = transition.state().orElseThrow();
        assertThat(after.status()).isEqualTo(to);
        assertThat(after.lastSequence()).isEqualTo(5 + transition.events().size());
        assertThat(after.updatedAt()).isEqualTo(NOW);
    }

    @ParameterizedTest(name = "{0} + {1} is refused")
    @MethodSource("refusedPairs")
    void refusesEveryOtherTransition(EpisodeStatus from, Input input) {
        EpisodeState before = stateIn(ID, from);
        Transition transition = lifecycle.apply(ID, Optional.of(before), input.of(ID), NOW);

        assertThat(types(transition)).containsExactly(EpisodeEventType.TRANSITION_REFUSED);
        NewEvent refusal = transition.events().get(0);
        assertThat(refusal.sequence()).isEqualTo(6);
        TransitionRefused payload = (TransitionRefused) refusal.payload();
        assertThat(payload.getFromState()).isEqualTo(from.name());
        assertThat(payload.getInput()).isEqualTo(input.of(ID).label());
        assertThat(payload.getInputId()).isEqualTo(input.of(ID).inputId());
        assertThat(transition.commands()).isEmpty();
        assertThat(transition.state()).contains(before.withSequence(6));
    }

    static Stream<Arguments> refusedPairs() {
        Set<String> allowed = ALLOWED.lines().map(line -> line.split(",")).map(cells -> cells[0].trim() + "/" + cells[1].trim())
                .collect(Collectors.toSet());
        return Arrays.stream(EpisodeStatus.values()).flatMap(status -> Arrays.stream(Input.values())
                .filter(input -> !IGNORED.contains(input) && !allowed.contains(status + "/" + input))
                .map(input -> Arguments.of(status, input)));
    }

    @ParameterizedTest
    @EnumSource(EpisodeStatus.class)
    void ignoresRepeatedRequestsAndItsOwnCommandsInEveryState(EpisodeStatus status) {
        EpisodeState before = stateIn(ID, status);
        for (Input input : IGNORED) {
            Transition transition = lifecycle.apply(ID, Optional.of(before), input.of(ID), NOW);
            assertThat(transition.events()).as(input.name()).isEmpty();
            assertThat(transition.commands()).as(input.name()).isEmpty();
            assertThat(transition.state()).as(input.name()).contains(before);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Input.class, names = {"SAFE_EVALUATION", "RISKY_EVALUATION", "SAFE_ACTION_EVALUATION",
            "RISKY_ACTION_EVALUATION", "RESUME", "REJECT", "EXPIRE", "CANCEL", "STEP", "COMPLETED", "FAILED", "ACTION_PROPOSED"})
    void refusesInputsForAnUnknownEpisodeWithoutCreatingIt(Input input) {
        Transition transition = lifecycle.apply(ID, Optional.empty(), input.of(ID), NOW);

        assertThat(types(transition)).containsExactly(EpisodeEventType.TRANSITION_REFUSED);
        assertThat(transition.events().get(0).sequence()).isEqualTo(NewEvent.NO_EPISODE);
        assertThat(((TransitionRefused) transition.events().get(0).payload()).getFromState()).isEqualTo("NONE");
        assertThat(transition.state()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Input.class, names = {"START", "OWN_RESUME"})
    void ignoresItsOwnCommandsForAnUnknownEpisode(Input input) {
        Transition transition = lifecycle.apply(ID, Optional.empty(), input.of(ID), NOW);

        assertThat(transition.events()).isEmpty();
        assertThat(transition.state()).isEmpty();
    }

    @Test
    void aNewRequestOpensTheEpisodeAndStartsItsEvaluation() {
        EpisodeRequest request = request(ID, "restart the web tier");
        request.setIntuition(List.of("production", "keyword"));

        Transition transition = lifecycle.apply(ID, Optional.empty(), new EpisodeInput.Request(request), NOW);

        assertThat(types(transition)).containsExactly(EpisodeEventType.REQUESTED, EpisodeEventType.EVALUATING);
        assertThat(transition.startsEpisode()).isTrue();
        assertThat(transition.events()).extracting(NewEvent::sequence).containsExactly(1L, 2L);
        EpisodeRequested requested = (EpisodeRequested) transition.events().get(0).payload();
        assertThat(requested.getTask()).isEqualTo("restart the web tier");
        assertThat(requested.getRequestedBy()).isEqualTo("alice");
        assertThat(requested.getIntuition()).isEqualTo(List.of("production", "keyword"));
        assertThat(((EvaluationStarted) transition.events().get(1).payload()).getSubject()).isEqualTo(EvaluationSubject.REQUEST);
        EpisodeState state = transition.state().orElseThrow();
        assertThat(state.status()).isEqualTo(EpisodeStatus.EVALUATING);
        assertThat(state.tags()).isEqualTo(Map.of("team", "sre"));
        assertThat(state.createdAt()).isEqualTo(NOW);
        assertThat(state.lastSequence()).isEqualTo(2);
    }

    @Test
    void anInvalidRequestIsRefusedAndOpensNoEpisode() {
        Transition transition = lifecycle.apply(ID, Optional.empty(), new EpisodeInput.Request(request(ID, " ")), NOW);

        assertThat(types(transition)).containsExactly(EpisodeEventType.REQUEST_REFUSED);
        RequestRefused refused = (RequestRefused) transition.events().get(0).payload();
        assertThat(refused.getField()).isEqualTo("task");
        assertThat(transition.events().get(0).sequence()).isEqualTo(NewEvent.NO_EPISODE);
        assertThat(transition.state()).isEmpty();
    }

    @Test
    void aRequestWhoseIdDiffersFromTheKeyIsRefused() {
        Transition transition = lifecycle.apply(ID, Optional.empty(),
                new EpisodeInput.Request(request("another-id", "restart the web tier")), NOW);

        assertThat(types(transition)).containsExactly(EpisodeEventType.REQUEST_REFUSED);
        assertThat(((RequestRefused) transition.events().get(0).payload()).getField()).isEqualTo("episode_id");
        assertThat(transition.state()).isEmpty();
    }

    @Test
    void aRequestWithoutRequesterIsRecordedAsAnonymous() {
        EpisodeRequest request = request(null, "restart the web tier");
        request.setRequestedBy(null);

        Transition transition = lifecycle.apply(ID, Optional.empty(), new EpisodeInput.Request(request), NOW);

        assertThat(transition.state().orElseThrow().requestedBy()).isEqualTo(EpisodeLifecycle.ANONYMOUS_REQUESTER);
    }

    @Test
    void aSafeEvaluationStartsTheEpisodeWithAStartCommand() {
        Transition transition = lifecycle.apply(ID, Optional.of(stateIn(ID, EpisodeStatus.EVALUATING)),
                new EpisodeInput.Evaluation(safeEvaluation(ID)), NOW);

        IntuitionApplied intuition = (IntuitionApplied) transition.events().get(0).payload();
        assertThat(intuition.getEvaluationId()).isEqualTo("eval-ep-1-1");
        assertThat(intuition.getIntervention().getPolicy()).isEqualTo("keyword");
        EpisodeCommand start = transition.commands().get(0);
        assertThat(start.getType()).isEqualTo(CommandType.START);
        assertThat(start.getIssuedBy()).isEqualTo("episode-service");
        assertThat(start.getTask()).isEqualTo("restart the web tier");
        assertThat(start.getTags()).isEqualTo(Map.of("team", "sre"));
        assertThat(start.getIssuedAt()).isEqualTo(NOW);
        assertThat(((EpisodeStarted) transition.events().get(1).payload()).getCommandId()).isEqualTo(start.getCommandId());
        assertThat(transition.awaitsApproval()).isFalse();
        EpisodeState state = transition.state().orElseThrow();
        assertThat(state.flags()).isEqualTo(new EpisodeFlags(false, null, null));
        assertThat(state.interventions()).extracting(AppliedIntervention::policy).containsExactly("keyword");
    }

    @Test
    void aRiskyEvaluationAwaitsApprovalUntilThePolicyDeadline() {
        Transition transition = lifecycle.apply(ID, Optional.of(stateIn(ID, EpisodeStatus.EVALUATING)),
                new EpisodeInput.Evaluation(riskyEvaluation(ID)), NOW);

        assertThat(transition.commands()).isEmpty();
        assertThat(transition.awaitsApproval()).isTrue();
        assertThat(transition.startsEpisode()).isFalse();
        ApprovalAwaited awaited = (ApprovalAwaited) transition.events().get(2).payload();
        assertThat(awaited.getTask()).isEqualTo("restart the web tier");
        assertThat(awaited.getRequestedBy()).isEqualTo("alice");
        assertThat(awaited.getRiskScore()).isEqualTo(0.9);
        assertThat(awaited.getRequiredApprovals()).isEqualTo(2);
        assertThat(awaited.getApproverGroup()).isEqualTo("sre");
        assertThat(awaited.getDeadline()).isEqualTo(NOW.plusSeconds(600));
        assertThat(awaited.getReasons()).containsExactly("touches production", "deletes data");
        EpisodeState state = transition.state().orElseThrow();
        assertThat(state.flags()).isEqualTo(new EpisodeFlags(true, "touches production; deletes data", null));
        assertThat(state.approvalDeadline()).isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void aRiskyEvaluationWithoutTimeoutUsesTheDefault() {
        var evaluation = riskyEvaluation(ID);
        evaluation.setApprovalTimeoutSeconds(null);

        Transition transition = lifecycle.apply(ID, Optional.of(stateIn(ID, EpisodeStatus.EVALUATING)),
                new EpisodeInput.Evaluation(evaluation), NOW);

        assertThat(((ApprovalAwaited) transition.events().get(2).payload()).getDeadline()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    @Test
    void aResumeRecordsWhoApproved() {
        Transition transition = lifecycle.apply(ID, Optional.of(stateIn(ID, EpisodeStatus.AWAITING_APPROVAL)),
                new EpisodeInput.Command(command(ID, CommandType.RESUME)), NOW);

        EpisodeResumed resumed = (EpisodeResumed) transition.events().get(0).payload();
        assertThat(resumed.getCommandId()).isEqualTo("resume-ep-1");
        assertThat(resumed.getApprovers()).containsExactly("bob", "carol");
        assertThat(resumed.getDecisionIds()).containsExactly("d-1", "d-2");
        assertThat(transition.state().orElseThrow().approvals())
                .isEqualTo(new EpisodeApprovals(List.of("bob", "carol"), List.of("d-1", "d-2"), "looked fine"));
    }

    @Test
    void anExpiryRecordsTheDeadlineThatPassed() {
        Transition transition = lifecycle.apply(ID, Optional.of(stateIn(ID, EpisodeStatus.AWAITING_APPROVAL)),
                new EpisodeInput.Command(command(ID, CommandType.EXPIRE)), NOW);

        assertThat(((EpisodeExpired) transition.events().get(0).payload()).getDeadline()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void aProposedActionPausesTheRunForItsEvaluation() {
        Transition transition = lifecycle.apply(ID, Optional.of(stateIn(ID, EpisodeStatus.RUNNING)),
                new EpisodeInput.Report(report(ID, ReportType.ACTION_PROPOSED)), NOW);

        ActionProposed proposed = (ActionProposed) transition.events().get(0).payload();
        assertThat(proposed.getAction()).isEqualTo(proposedAction());
        assertThat(proposed.getAgent()).isEqualTo("test-agent");
        EvaluationStarted evaluating = (EvaluationStarted) transition.events().get(1).payload();
        assertThat(evaluating.getSubject()).isEqualTo(EvaluationSubject.ACTION);
        assertThat(evaluating.getAction()).isEqualTo(proposedAction());
        EpisodeState state = transition.state().orElseThrow();
        assertThat(state.pendingAction()).isEqualTo(PendingAction.of(proposedAction()));
        assertThat(state.flags().proposedAction()).isEqualTo("rm -rf /data");
        assertThat(transition.commands()).isEmpty();
    }

    @Test
    void aProposalWithoutItsActionIsRefused() {
        AgentReport proposal = report(ID, ReportType.ACTION_PROPOSED);
        proposal.setAction(null);

        Transition transition = lifecycle.apply(ID, Optional.of(stateIn(ID, EpisodeStatus.RUNNING)),
                new EpisodeInput.Report(proposal), NOW);

        assertThat(types(transition)).containsExactly(EpisodeEventType.TRANSITION_REFUSED);
        assertThat(transition.state().orElseThrow().status()).isEqualTo(EpisodeStatus.RUNNING);
    }

    @Test
    void anActionThePoliciesLetThroughResumesTheAgent() {
        Transition transition = lifecycle.apply(ID, Optional.of(stateWithPendingAction(ID, EpisodeStatus.EVALUATING)),
                new EpisodeInput.Evaluation(actionEvaluation(ID, proposedAction(), false)), NOW);

        assertThat(types(transition)).containsExactly(EpisodeEventType.INTUITION, EpisodeEventType.RESUMED);
        EpisodeResumed resumed = (EpisodeResumed) transition.events().get(1).payload();
        assertThat(resumed.getReason()).isEqualTo("no approval required");
        assertThat(resumed.getApprovers()).isEmpty();
        EpisodeCommand resume = transition.commands().get(0);
        assertThat(resume.getType()).isEqualTo(CommandType.RESUME);
        assertThat(resume.getIssuedBy()).isEqualTo("episode-service");
        assertThat(resume.getAction()).isEqualTo(proposedAction());
        assertThat(resume.getReason()).isEqualTo("no approval required");
        assertThat(resume.getCommandId()).isEqualTo(resumed.getCommandId()).isEqualTo("ep-1-resume-a-1");
        EpisodeState state = transition.state().orElseThrow();
        assertThat(state.status()).isEqualTo(EpisodeStatus.RUNNING);
        assertThat(state.pendingAction()).isNull();
        assertThat(state.flags().proposedAction()).isEqualTo("rm -rf /data");
    }

    @Test
    void theResumeItIssuedForAnActionIsNotAppliedWhenReadBack() {
        Transition letThrough = lifecycle.apply(ID, Optional.of(stateWithPendingAction(ID, EpisodeStatus.EVALUATING)),
                new EpisodeInput.Evaluation(actionEvaluation(ID, proposedAction(), false)), NOW);
        EpisodeState running = letThrough.state().orElseThrow();

        Transition readBack = lifecycle.apply(ID, Optional.of(running), new EpisodeInput.Command(letThrough.commands().get(0)), NOW);

        assertThat(readBack.events()).isEmpty();
        assertThat(readBack.state()).contains(running);
    }

    @Test
    void aRiskyActionAwaitsApprovalOfThatAction() {
        Transition transition = lifecycle.apply(ID, Optional.of(stateWithPendingAction(ID, EpisodeStatus.EVALUATING)),
                new EpisodeInput.Evaluation(actionEvaluation(ID, proposedAction(), true)), NOW);

        assertThat(types(transition)).containsExactly(EpisodeEventType.INTUITION, EpisodeEventType.INTUITION,
                EpisodeEventType.AWAITING_APPROVAL);
        ApprovalAwaited awaited = (ApprovalAwaited) transition.events().get(2).payload();
        assertThat(awaited.getSubject()).isEqualTo(EvaluationSubject.ACTION);
        assertThat(awaited.getAction()).isEqualTo(proposedAction());
        assertThat(awaited.getEvaluationId()).isEqualTo("eval-ep-1-a-1");
        assertThat(transition.commands()).isEmpty();
        EpisodeState state = transition.state().orElseThrow();
        assertThat(state.status()).isEqualTo(EpisodeStatus.AWAITING_APPROVAL);
        assertThat(state.flags()).isEqualTo(new EpisodeFlags(true, "touches production; deletes data", "rm -rf /data"));
    }

    @ParameterizedTest
    @CsvSource({"RESUME, RESUMED, RUNNING", "REJECT, REJECTED, REJECTED", "EXPIRE, EXPIRED, EXPIRED"})
    void theDecisionOnAnActionEndsItsRound(CommandType type, EpisodeEventType event, EpisodeStatus to) {
        Transition transition = lifecycle.apply(ID, Optional.of(stateWithPendingAction(ID, EpisodeStatus.AWAITING_APPROVAL)),
                new EpisodeInput.Command(actionCommand(ID, type, proposedAction())), NOW);

        assertThat(types(transition)).containsExactly(event);
        assertThat(transition.state().orElseThrow().status()).isEqualTo(to);
        assertThat(transition.state().orElseThrow().pendingAction()).isNull();
    }

    @Test
    void aRejectionOfAnActionKeepsTheApproversReason() {
        EpisodeCommand reject = actionCommand(ID, CommandType.REJECT, proposedAction());
        reject.setReason("not during the freeze");

        Transition transition = lifecycle.apply(ID, Optional.of(stateWithPendingAction(ID, EpisodeStatus.AWAITING_APPROVAL)),
                new EpisodeInput.Command(reject), NOW);

        assertThat(((EpisodeRejected) transition.events().get(0).payload()).getReason()).isEqualTo("not during the freeze");
        assertThat(transition.state().orElseThrow().approvals().reason()).isEqualTo("not during the freeze");
    }

    @Test
    void aDecisionOnAnotherActionIsRefused() {
        Transition transition = lifecycle.apply(ID, Optional.of(stateWithPendingAction(ID, EpisodeStatus.AWAITING_APPROVAL)),
                new EpisodeInput.Command(actionCommand(ID, CommandType.RESUME, new ProposedAction("a-2", "ls", null))), NOW);

        assertThat(types(transition)).containsExactly(EpisodeEventType.TRANSITION_REFUSED);
        assertThat(transition.state().orElseThrow().status()).isEqualTo(EpisodeStatus.AWAITING_APPROVAL);
    }

    @ParameterizedTest
    @CsvSource({"REQUEST, a-1", "ACTION, a-2"})
    void anEvaluationOfAnythingButThePendingActionIsRefused(EvaluationSubject subject, String actionId) {
        PolicyEvaluation evaluation = actionEvaluation(ID, new ProposedAction(actionId, "ls", null), false);
        evaluation.setSubject(subject);

        Transition transition = lifecycle.apply(ID, Optional.of(stateWithPendingAction(ID, EpisodeStatus.EVALUATING)),
                new EpisodeInput.Evaluation(evaluation), NOW);

        assertThat(types(transition)).containsExactly(EpisodeEventType.TRANSITION_REFUSED);
        assertThat(transition.state().orElseThrow().pendingAction()).isEqualTo(PendingAction.of(proposedAction()));
    }

    @Test
    void aCancelRecordsWhoCancelledAndWhy() {
        EpisodeCommand cancel = command(ID, CommandType.CANCEL);
        cancel.setIssuedBy("episode-service");
        cancel.setApprovers(List.of("alice"));
        cancel.setReason("wrong ticket");

        Transition transition = lifecycle.apply(ID, Optional.of(stateWithPendingAction(ID, EpisodeStatus.AWAITING_APPROVAL)),
                new EpisodeInput.Command(cancel), NOW);

        EpisodeCancelled cancelled = (EpisodeCancelled) transition.events().get(0).payload();
        assertThat(cancelled.getCancelledBy()).isEqualTo("alice");
        assertThat(cancelled.getReason()).isEqualTo("wrong ticket");
        assertThat(transition.state().orElseThrow().pendingAction()).isNull();
        assertThat(transition.commands()).isEmpty();
    }

    /** Once applied while running, or once held while paused: the same report again changes nothing. */
    @ParameterizedTest
    @CsvSource({"RUNNING, false", "AWAITING_APPROVAL, true"})
    void aRedeliveredReportChangesNothing(EpisodeStatus status, boolean namesItsCommand) {
        EpisodeInput step = namesItsCommand ? answering("resume-ep-1", ReportType.STEP)
                : new EpisodeInput.Report(report(ID, ReportType.STEP));
        EpisodeState afterFirst = lifecycle.apply(ID, Optional.of(stateIn(ID, status)), step, NOW).state().orElseThrow();

        Transition again = lifecycle.apply(ID, Optional.of(afterFirst), step, NOW.plusSeconds(1));

        assertThat(again.events()).isEmpty();
        assertThat(again.state()).contains(afterFirst);
    }

    @Test
    void reportsReadBeforeTheResumeTheyCarryOutAreAppliedAfterIt() {
        EpisodeState awaiting = stateIn(ID, EpisodeStatus.AWAITING_APPROVAL);
        Transition step = lifecycle.apply(ID, Optional.of(awaiting), answering("resume-ep-1", ReportType.STEP), NOW);
        Transition completed = lifecycle.apply(ID, step.state(), answering("resume-ep-1", ReportType.COMPLETED), NOW);
        assertThat(step.events()).isEmpty();
        assertThat(completed.events()).isEmpty();
        assertThat(completed.state().orElseThrow().heldReports()).hasSize(2);
        assertThat(completed.state().orElseThrow().lastSequence()).isEqualTo(5);

        Transition resumed = lifecycle.apply(ID, completed.state(), new EpisodeInput.Command(command(ID, CommandType.RESUME)), NOW);

        assertThat(types(resumed)).containsExactly(EpisodeEventType.RESUMED, EpisodeEventType.STEP, EpisodeEventType.COMPLETED);
        assertThat(resumed.events()).extracting(NewEvent::sequence).containsExactly(6L, 7L, 8L);
        assertThat(resumed.events()).extracting(NewEvent::source).containsExactly("command:resume-ep-1",
                "report:report-step-ep-1", "report:report-completed-ep-1");
        EpisodeState after = resumed.state().orElseThrow();
        assertThat(after.status()).isEqualTo(EpisodeStatus.COMPLETED);
        assertThat(after.heldReports()).isEmpty();
        assertThat(after.appliedReportIds()).containsExactly("report-step-ep-1", "report-completed-ep-1");
    }

    @Test
    void aReportReadBeforeTheStartIsAppliedAfterIt() {
        EpisodeState evaluating = stateIn(ID, EpisodeStatus.EVALUATING);
        Transition held = lifecycle.apply(ID, Optional.of(evaluating), answering(ID + "-start", ReportType.STEP), NOW);

        Transition started = lifecycle.apply(ID, held.state(), new EpisodeInput.Evaluation(safeEvaluation(ID)), NOW);

        assertThat(types(started)).containsExactly(EpisodeEventType.INTUITION, EpisodeEventType.STARTED, EpisodeEventType.STEP);
        assertThat(started.commands()).extracting(EpisodeCommand::getType).containsExactly(CommandType.START);
        assertThat(started.state().orElseThrow().status()).isEqualTo(EpisodeStatus.RUNNING);
    }

    @Test
    void aHeldProposalPausesTheRunAgainOnceItsResumeIsApplied() {
        EpisodeState awaiting = stateWithPendingAction(ID, EpisodeStatus.AWAITING_APPROVAL);
        EpisodeCommand resume = actionCommand(ID, CommandType.RESUME, proposedAction());
        AgentReport proposal = report(ID, ReportType.ACTION_PROPOSED);
        proposal.setAction(new ProposedAction("a-2", "drop table orders", null));
        proposal.setCommandId(resume.getCommandId());
        Transition held = lifecycle.apply(ID, Optional.of(awaiting), new EpisodeInput.Report(proposal), NOW);

        Transition resumed = lifecycle.apply(ID, held.state(), new EpisodeInput.Command(resume), NOW);

        assertThat(types(resumed)).containsExactly(EpisodeEventType.RESUMED, EpisodeEventType.ACTION_PROPOSED,
                EpisodeEventType.EVALUATING);
        assertThat(resumed.state().orElseThrow().pendingAction().actionId()).isEqualTo("a-2");
    }

    @ParameterizedTest
    @EnumSource(value = CommandType.class, names = {"REJECT", "EXPIRE", "CANCEL"})
    void heldReportsAreRefusedWhenTheEpisodeEndsWithoutTheirCommand(CommandType ending) {
        Transition held = lifecycle.apply(ID, Optional.of(stateIn(ID, EpisodeStatus.AWAITING_APPROVAL)),
                answering("resume-ep-1", ReportType.COMPLETED), NOW);

        Transition ended = lifecycle.apply(ID, held.state(), new EpisodeInput.Command(command(ID, ending)), NOW);

        assertThat(types(ended)).containsExactly(EpisodeEventType.valueOf(ended.state().orElseThrow().status().name()),
                EpisodeEventType.TRANSITION_REFUSED);
        TransitionRefused refusal = (TransitionRefused) ended.events().get(1).payload();
        assertThat(refusal.getInput()).isEqualTo("report COMPLETED");
        assertThat(refusal.getInputId()).isEqualTo("report-completed-ep-1");
        assertThat(refusal.getReason()).contains("resume-ep-1")
                .contains("ended as " + ended.state().orElseThrow().status());
        assertThat(ended.events().get(1).source()).isEqualTo("report:report-completed-ep-1");
        assertThat(ended.state().orElseThrow().heldReports()).isEmpty();
        assertThat(ended.state().orElseThrow().lastSequence()).isEqualTo(7);
    }

    @Test
    void aHeldReportForAnotherCommandIsRefusedWhenTheRunGoesOn() {
        Transition held = lifecycle.apply(ID, Optional.of(stateIn(ID, EpisodeStatus.AWAITING_APPROVAL)),
                answering("resume-something-else", ReportType.COMPLETED), NOW);

        Transition resumed = lifecycle.apply(ID, held.state(), new EpisodeInput.Command(command(ID, CommandType.RESUME)), NOW);

        assertThat(types(resumed)).containsExactly(EpisodeEventType.RESUMED, EpisodeEventType.TRANSITION_REFUSED);
        assertThat(((TransitionRefused) resumed.events().get(1).payload()).getReason())
                .isEqualTo("it carries out command resume-something-else, not resume-ep-1, with which the run went on");
        assertThat(resumed.state().orElseThrow().status()).isEqualTo(EpisodeStatus.RUNNING);
    }

    @Test
    void aReportNamingItsCommandIsAppliedAtOnceWhileRunning() {
        Transition transition = lifecycle.apply(ID, Optional.of(stateIn(ID, EpisodeStatus.RUNNING)),
                answering("resume-ep-1", ReportType.STEP), NOW);

        assertThat(types(transition)).containsExactly(EpisodeEventType.STEP);
    }

    @Test
    void anEpisodeHoldsBoundedlyManyReports() {
        EpisodeState state = stateIn(ID, EpisodeStatus.AWAITING_APPROVAL);
        for (int n = 0; n < EpisodeLifecycle.MAX_HELD_REPORTS; n++) {
            AgentReport step = report(ID, ReportType.STEP);
            step.setReportId("step-" + n);
            step.setCommandId("resume-ep-1");
            state = lifecycle.apply(ID, Optional.of(state), new EpisodeInput.Report(step), NOW).state().orElseThrow();
        }

        Transition oneMore = lifecycle.apply(ID, Optional.of(state), answering("resume-ep-1", ReportType.STEP), NOW);

        assertThat(types(oneMore)).containsExactly(EpisodeEventType.TRANSITION_REFUSED);
        assertThat(oneMore.state().orElseThrow().heldReports()).hasSize(EpisodeLifecycle.MAX_HELD_REPORTS);
    }

    /** A report that names the command it carries out, as the agent protocol asks. */
    private static EpisodeInput answering(String commandId, ReportType type) {
        AgentReport report = report(ID, type);
        report.setCommandId(commandId);
        return new EpisodeInput.Report(report);
    }

    private static EpisodeCommand ownResume(String episodeId) {
        EpisodeCommand resume = command(episodeId, CommandType.RESUME);
        resume.setIssuedBy(EpisodeLifecycle.ISSUER);
        return resume;
    }

    private static List<EpisodeEventType> types(Transition transition) {
        return transition.events().stream().map(NewEvent::type).toList();
    }
}
