package io.noesis.episode.agent;

import static io.noesis.episode.EpisodeFixtures.T0;
import static io.noesis.episode.EpisodeFixtures.command;
import static org.assertj.core.api.Assertions.assertThat;

import io.noesis.schemas.AgentReport;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.ReportType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReferenceAgentTest {

    private final ReferenceAgent agent = new ReferenceAgent();

    @Test
    void aStartIsWorkedOnAndCompleted() {
        EpisodeCommand start = command("ep-1", CommandType.START);
        start.setTask("restart the web tier");

        List<AgentReport> reports = agent.reportsFor(start, T0);

        assertThat(reports).extracting(AgentReport::getType).containsExactly(ReportType.STEP, ReportType.COMPLETED);
        assertThat(reports.get(0).getMessage()).isEqualTo("working on: restart the web tier");
        assertThat(reports).allSatisfy(report -> {
            assertThat(report.getEpisodeId()).isEqualTo("ep-1");
            assertThat(report.getAgent()).isEqualTo("reference-agent");
            assertThat(report.getReportedAt()).isEqualTo(T0);
        });
    }

    @Test
    void aResumeIsReportedWithoutATask() {
        List<AgentReport> reports = agent.reportsFor(command("ep-1", CommandType.RESUME), T0);

        assertThat(reports).extracting(AgentReport::getMessage).containsExactly("resumed", "done");
    }

    @Test
    void aRedeliveredCommandGivesTheSameReportIds() {
        EpisodeCommand resume = command("ep-1", CommandType.RESUME);

        assertThat(agent.reportsFor(resume, T0.plusSeconds(5))).extracting(AgentReport::getReportId)
                .containsExactlyElementsOf(agent.reportsFor(resume, T0).stream().map(AgentReport::getReportId).toList())
                .containsExactly("resume-ep-1-step", "resume-ep-1-completed");
    }

    @ParameterizedTest
    @EnumSource(value = CommandType.class, names = {"REJECT", "EXPIRE", "CANCEL"})
    void leavesEveryOtherCommandAlone(CommandType type) {
        assertThat(agent.reportsFor(command("ep-1", type), T0)).isEmpty();
    }
}
