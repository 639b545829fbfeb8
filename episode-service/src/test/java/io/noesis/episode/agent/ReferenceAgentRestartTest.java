package io.noesis.episode.agent;

import static io.noesis.episode.EpisodeFixtures.actionEvaluation;
import static io.noesis.episode.EpisodeFixtures.request;
import static io.noesis.episode.EpisodeFixtures.safeEvaluation;
import static org.assertj.core.api.Assertions.assertThat;

import io.noesis.schemas.ActionProposed;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeRequest;
import io.noesis.schemas.PolicyEvaluation;
import io.noesis.schemas.ProposedAction;
import io.noesis.schemas.Topics;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The agent keeps nothing across a restart: it relearns the task from the log and recognises redelivered work by ids. */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class ReferenceAgentRestartTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String TASK = "back up the orders table then drop the orders table";

    @Inject
    ReferenceAgentRuntime runtime;

    @Test
    void aRestartedAgentContinuesTheRunAndRepeatsNothing() {
        String episodeId = "restart-" + UUID.randomUUID();
        EpisodeRequest request = request(episodeId, TASK);
        TopicClient.send(Topics.EPISODE_REQUESTS, episodeId, request);
        awaitEvent(episodeId, EpisodeEventType.EVALUATING);
        TopicClient.send(Topics.POLICY_EVALUATIONS, episodeId, safeEvaluation(episodeId));
        EpisodeEvent proposal = awaitEvent(episodeId, EpisodeEventType.ACTION_PROPOSED);

        runtime.stop(null);
        runtime.start(null);
        // What a crash before the commit would do: the START is delivered again.
        TopicClient.send(Topics.EPISODE_COMMANDS, episodeId, start(episodeId));
        ProposedAction action = ((ActionProposed) proposal.getPayload()).getAction();
        PolicyEvaluation letThrough = actionEvaluation(episodeId, action, false);
        letThrough.setEvaluationId("eval-" + proposal.getEventId());
        TopicClient.send(Topics.POLICY_EVALUATIONS, episodeId, letThrough);

        awaitEvent(episodeId, EpisodeEventType.COMPLETED);
        List<EpisodeEventType> log = TopicClient.readAll(Topics.EPISODE_EVENTS, Duration.ofSeconds(2)).stream()
                .filter(record -> episodeId.equals(record.key()))
                .map(record -> record.value().getType())
                .toList();
        assertThat(log).containsExactly(EpisodeEventType.REQUESTED, EpisodeEventType.EVALUATING, EpisodeEventType.INTUITION,
                EpisodeEventType.STARTED, EpisodeEventType.STEP, EpisodeEventType.ACTION_PROPOSED,
                EpisodeEventType.EVALUATING, EpisodeEventType.INTUITION, EpisodeEventType.RESUMED, EpisodeEventType.STEP,
                EpisodeEventType.COMPLETED);
    }

    /** The START episode-service issued: its id and content are derived from the episode. */
    private static EpisodeCommand start(String episodeId) {
        return EpisodeCommand.newBuilder()
                .setCommandId(episodeId + "-start")
                .setEpisodeId(episodeId)
                .setType(CommandType.START)
                .setIssuedAt(Instant.now())
                .setIssuedBy("episode-service")
                .setTask(TASK)
                .build();
    }

    private static EpisodeEvent awaitEvent(String episodeId, EpisodeEventType type) {
        ConsumerRecord<String, EpisodeEvent> record = TopicClient.await(Topics.EPISODE_EVENTS,
                event -> episodeId.equals(event.key()) && event.value().getType() == type, TIMEOUT);
        return record.value();
    }
}
