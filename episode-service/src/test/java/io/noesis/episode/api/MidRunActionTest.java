package io.noesis.episode.api;

import static io.noesis.episode.EpisodeFixtures.actionCommand;
import static io.noesis.episode.EpisodeFixtures.actionEvaluation;
import static io.noesis.episode.EpisodeFixtures.safeEvaluation;
import static io.noesis.episode.api.EpisodeApi.FLOW_TIMEOUT;
import static io.noesis.episode.api.EpisodeApi.awaitStatus;
import static io.noesis.episode.api.EpisodeApi.events;
import static io.noesis.episode.api.EpisodeApi.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.noesis.schemas.ActionProposed;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.PolicyEvaluation;
import io.noesis.schemas.ProposedAction;
import io.noesis.schemas.Topics;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference agent proposes the risky step of its task; the policy answers are fed as policy-service would. */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class MidRunActionTest {

    private static final String TASK = "back up the orders table then drop the orders table";

    @Test
    void aRiskyStepPausesTheRunUntilApprovedAndTheAgentGoesOn() {
        String episodeId = startedEpisode();
        EpisodeEvent proposal = awaitProposal(episodeId);
        ProposedAction action = ((ActionProposed) proposal.getPayload()).getAction();
        assertThat(action.getAction()).isEqualTo("drop the orders table");
        JsonPath evaluating = awaitStatus(episodeId, "EVALUATING");
        assertThat(evaluating.getString("flags.proposed_action")).isEqualTo("drop the orders table");

        TopicClient.send(Topics.POLICY_EVALUATIONS, episodeId, evaluationOf(proposal, action, true));
        awaitStatus(episodeId, "AWAITING_APPROVAL");
        TopicClient.send(Topics.EPISODE_COMMANDS, episodeId, actionCommand(episodeId, CommandType.RESUME, action));

        awaitStatus(episodeId, "COMPLETED");
        JsonPath log = events(episodeId);
        assertThat(log.getList("events.type")).containsExactly("REQUESTED", "EVALUATING", "INTUITION", "STARTED", "STEP",
                "ACTION_PROPOSED", "EVALUATING", "INTUITION", "INTUITION", "AWAITING_APPROVAL", "RESUMED", "STEP", "COMPLETED");
        assertThat(log.getString("events[6].payload.subject")).isEqualTo("ACTION");
        assertThat(log.getString("events[9].payload.action.action")).isEqualTo("drop the orders table");
        assertThat(log.getString("events[11].payload.message")).isEqualTo("drop the orders table");
    }

    @Test
    void aStepThePoliciesLetThroughIsResumedWithoutApproval() {
        String episodeId = startedEpisode();
        EpisodeEvent proposal = awaitProposal(episodeId);
        ProposedAction action = ((ActionProposed) proposal.getPayload()).getAction();

        TopicClient.send(Topics.POLICY_EVALUATIONS, episodeId, evaluationOf(proposal, action, false));

        // The agent goes on only when the RESUME episode-service issued names its action.
        awaitStatus(episodeId, "COMPLETED");
        JsonPath log = events(episodeId);
        assertThat(log.getList("events.type")).containsExactly("REQUESTED", "EVALUATING", "INTUITION", "STARTED", "STEP",
                "ACTION_PROPOSED", "EVALUATING", "INTUITION", "RESUMED", "STEP", "COMPLETED");
        assertThat(log.getString("events[8].payload.command_id")).isEqualTo(episodeId + "-resume-" + action.getActionId());
        assertThat(log.getString("events[8].payload.reason")).isEqualTo("no approval required");
        assertThat(log.getString("events[9].payload.message")).isEqualTo("drop the orders table");
    }

    @Test
    void aRejectedStepEndsTheEpisodeWithTheApproversReason() {
        String episodeId = startedEpisode();
        EpisodeEvent proposal = awaitProposal(episodeId);
        ProposedAction action = ((ActionProposed) proposal.getPayload()).getAction();
        TopicClient.send(Topics.POLICY_EVALUATIONS, episodeId, evaluationOf(proposal, action, true));
        awaitStatus(episodeId, "AWAITING_APPROVAL");

        EpisodeCommand reject = actionCommand(episodeId, CommandType.REJECT, action);
        reject.setReason("not during the freeze");
        TopicClient.send(Topics.EPISODE_COMMANDS, episodeId, reject);

        JsonPath rejected = awaitStatus(episodeId, "REJECTED");
        assertThat(rejected.getString("approvals.reason")).isEqualTo("not during the freeze");
        JsonPath log = events(episodeId);
        assertThat(log.getList("events.type")).endsWith("AWAITING_APPROVAL", "REJECTED");
        assertThat(log.getString("events[-1].payload.reason")).isEqualTo("not during the freeze");
    }

    private static String startedEpisode() {
        String episodeId = post(Map.of("task", TASK));
        awaitStatus(episodeId, "EVALUATING");
        TopicClient.send(Topics.POLICY_EVALUATIONS, episodeId, safeEvaluation(episodeId));
        return episodeId;
    }

    private static EpisodeEvent awaitProposal(String episodeId) {
        return TopicClient.await(Topics.EPISODE_EVENTS, record -> episodeId.equals(record.key())
                && record.value().getType() == EpisodeEventType.ACTION_PROPOSED, FLOW_TIMEOUT).value();
    }

    /** policy-service's answer: the same action, evaluation id "eval-" + the ACTION_PROPOSED event's id. */
    private static PolicyEvaluation evaluationOf(EpisodeEvent proposal, ProposedAction action,
            boolean requiresApproval) {
        PolicyEvaluation evaluation = actionEvaluation(proposal.getEpisodeId(), action, requiresApproval);
        evaluation.setEvaluationId("eval-" + proposal.getEventId());
        return evaluation;
    }
}
