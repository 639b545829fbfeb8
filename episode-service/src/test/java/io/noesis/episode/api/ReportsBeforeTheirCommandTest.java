package io.noesis.episode.api;

import static io.noesis.episode.EpisodeFixtures.command;
import static io.noesis.episode.EpisodeFixtures.riskyEvaluation;
import static io.noesis.episode.api.EpisodeApi.awaitStatus;
import static io.noesis.episode.api.EpisodeApi.awaitSummary;
import static io.noesis.episode.api.EpisodeApi.events;
import static io.noesis.episode.api.EpisodeApi.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.noesis.episode.agent.ReferenceAgent;
import io.noesis.schemas.AgentReport;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.Topics;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The agent's reports about a RESUME are read before the RESUME, as they can be when the partitions of the
 * command and report topics are led by different brokers: they wait for it, and none is refused.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class ReportsBeforeTheirCommandTest {

    private static final String TASK = "drop the orders table";

    @Test
    void reportsReadBeforeTheirResumeAreAppliedRightAfterIt() {
        String episodeId = post(Map.of("task", TASK));
        awaitStatus(episodeId, "EVALUATING");
        TopicClient.send(Topics.POLICY_EVALUATIONS, episodeId, riskyEvaluation(episodeId));
        awaitStatus(episodeId, "AWAITING_APPROVAL");
        EpisodeCommand resume = command(episodeId, CommandType.RESUME);
        resume.setTask(TASK);
        // What the reference agent reports once it obeys the RESUME, sent before the RESUME exists.
        List<AgentReport> early = new ReferenceAgent().reportsFor(resume, TASK, Instant.now());
        early.forEach(report -> TopicClient.send(Topics.AGENT_REPORTS, episodeId, report));
        awaitSummary(episodeId, summary -> summary.getList("held_reports").size() == early.size(),
                "hold the " + early.size() + " early reports");

        TopicClient.send(Topics.EPISODE_COMMANDS, episodeId, resume);

        JsonPath completed = awaitStatus(episodeId, "COMPLETED");
        assertThat(completed.getList("held_reports")).isEmpty();
        JsonPath log = events(episodeId);
        assertThat(log.getList("events.type", String.class)).doesNotContain("TRANSITION_REFUSED")
                .endsWith("AWAITING_APPROVAL", "RESUMED", "STEP", "COMPLETED");
        assertThat(log.getList("events.source", String.class)).endsWith("command:" + resume.getCommandId(),
                "report:" + early.get(0).getReportId(), "report:" + early.get(1).getReportId());
    }
}
