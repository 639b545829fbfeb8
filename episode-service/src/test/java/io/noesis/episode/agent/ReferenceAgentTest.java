package io.noesis.episode.agent;

import static io.noesis.episode.EpisodeFixtures.T0;
import static io.noesis.episode.EpisodeFixtures.command;
import static org.assertj.core.api.Assertions.assertThat;

import io.noesis.schemas.AgentReport;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.ProposedAction;
import io.noesis.schemas.ReportType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceAgentTest {

    private static final String SAFE_PLAN = "restart the web tier then check the health";
    private static final String PLAN = "back up the orders table; drop the orders table then restore the schema";

    private final ReferenceAgent agent = new ReferenceAgent();

    @Test
    void splitsATaskIntoSteps() {
        assertThat(ReferenceAgent.steps(PLAN))
                .containsExactly("back up the orders table", "drop the orders table", "restore the schema");
        assertThat(ReferenceAgent.steps("restart the web tier")).containsExactly("restart the web tier");
    }

    @ParameterizedTest
    @ValueSource(strings = {"delete old logs", "DROP the table", "truncate audit", "deploy v2", "rollback the release"})
    void recognisesRiskySteps(String step) {
        assertThat(ReferenceAgent.isRisky(step)).isTrue();
    }

    @Test
    void aSafeTaskIsRunStepByStepAndCompleted() {
        List<AgentReport> reports = agent.reportsFor(start(SAFE_PLAN), SAFE_PLAN, T0);

        assertThat(reports).extracting(AgentReport::getType)
                .containsExactly(ReportType.STEP, ReportType.STEP, ReportType.COMPLETED);
        assertThat(reports).extracting(AgentReport::getMessage)
                .containsExactly("restart the web tier", "check the health", "done");
        assertThat(reports).allSatisfy(report -> {
            assertThat(report.getEpisodeId()).isEqualTo("ep-1");
            assertThat(report.getAgent()).isEqualTo("reference-agent");
            assertThat(report.getReportedAt()).isEqualTo(T0);
            assertThat(report.getCommandId()).isEqualTo("start-ep-1");
        });
    }

    @Test
    void aRiskyStepIsProposedAndTheRunStopsThere() {
        List<AgentReport> reports = agent.reportsFor(start(PLAN), PLAN, T0);

        assertThat(reports).extracting(AgentReport::getType).containsExactly(ReportType.STEP, ReportType.ACTION_PROPOSED);
        ProposedAction proposed = reports.get(1).getAction();
        assertThat(proposed.getActionId()).isEqualTo("start-ep-1-step-2");
        assertThat(proposed.getAction()).isEqualTo("drop the orders table");
    }

    @Test
    void theResumeNamingTheActionContinuesWithThatStep() {
        ProposedAction proposed = agent.reportsFor(start(PLAN), PLAN, T0).get(1).getAction();
        EpisodeCommand resume = resume(proposed);

        List<AgentReport> reports = agent.reportsFor(resume, PLAN, T0);

        assertThat(reports).extracting(AgentReport::getMessage)
                .containsExactly("drop the orders table", "restore the schema", "done");
        assertThat(reports).extracting(AgentReport::getReportId)
                .containsExactly("start-ep-1-step-2-done", "start-ep-1-step-3-done", "start-ep-1-completed");
        assertThat(reports).extracting(AgentReport::getCommandId).containsOnly(resume.getCommandId());
    }

    @Test
    void aResumeOfTheApprovedPlanRunsEveryStepWithoutProposingAgain() {
        List<AgentReport> reports = agent.reportsFor(command("ep-1", CommandType.RESUME), PLAN, T0);

        assertThat(reports).extracting(AgentReport::getType)
                .containsExactly(ReportType.STEP, ReportType.STEP, ReportType.STEP, ReportType.COMPLETED);
    }

    @Test
    void anActionItDidNotProposeIsLeftAlone() {
        assertThat(agent.reportsFor(resume(new ProposedAction("tool-call-7", "ls", null)), PLAN, T0)).isEmpty();
    }

    @Test
    void aRedeliveredCommandGivesTheSameReportIds() {
        EpisodeCommand start = start(PLAN);

        assertThat(agent.reportsFor(start, PLAN, T0.plusSeconds(5))).extracting(AgentReport::getReportId)
                .containsExactlyElementsOf(agent.reportsFor(start, PLAN, T0).stream().map(AgentReport::getReportId).toList())
                .containsExactly("start-ep-1-step-1-done", "start-ep-1-step-2-proposed");
    }

    @ParameterizedTest
    @EnumSource(value = CommandType.class, names = {"REJECT", "EXPIRE", "CANCEL"})
    void stopsOnEveryOtherCommand(CommandType type) {
        assertThat(agent.reportsFor(command("ep-1", type), null, T0)).isEmpty();
    }

    private static EpisodeCommand start(String task) {
        EpisodeCommand start = command("ep-1", CommandType.START);
        start.setTask(task);
        return start;
    }

    private static EpisodeCommand resume(ProposedAction action) {
        EpisodeCommand resume = command("ep-1", CommandType.RESUME);
        resume.setAction(action);
        return resume;
    }
}
