package io.noesis.episode;

import static io.noesis.episode.EpisodeFixtures.command;
import static io.noesis.episode.EpisodeFixtures.intervention;
import static io.noesis.episode.EpisodeFixtures.report;
import static io.noesis.episode.EpisodeFixtures.request;
import static io.noesis.episode.EpisodeFixtures.safeEvaluation;
import static org.assertj.core.api.Assertions.assertThat;

import io.noesis.schemas.AgentReport;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCancelled;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeRequested;
import io.noesis.schemas.PolicyEvaluation;
import io.noesis.schemas.ReportType;
import io.noesis.schemas.Topics;
import io.noesis.schemas.TransitionRefused;
import io.noesis.testing.BadRecords;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every topic episode-service reads, fed every kind of unreadable record and then a good one on the same
 * partition: each unreadable record is dead-lettered and counted, and the good one is still processed.
 * Odd but readable records (unicode, 900 KB of text) are processed, not dead-lettered.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class BadRecordsTest {

    private static final String TOPOLOGY = "noesis-episode-service";
    private static final String AGENT = "noesis-reference-agent";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URI root;

    @Test
    void requests() {
        String good = newId();
        BadRecords.Batch bad = BadRecords.sendBeforeGood(root, Topics.EPISODE_REQUESTS, good,
                request(newId(), "a request without a key"), request(good, BadRecords.ODD_TEXT));

        bad.assertDeadLetteredBy(TOPOLOGY);
        assertThat(requestedTask(good)).isEqualTo(BadRecords.ODD_TEXT);
    }

    @Test
    void policyEvaluations() {
        String good = requestedEpisode();
        PolicyEvaluation evaluation = safeEvaluation(good);
        evaluation.setInterventions(List.of(intervention(BadRecords.ODD_TEXT, false, BadRecords.ODD_TEXT)));
        BadRecords.Batch bad = BadRecords.sendBeforeGood(root, Topics.POLICY_EVALUATIONS, good, safeEvaluation(newId()),
                evaluation);

        bad.assertDeadLetteredBy(TOPOLOGY);
        awaitEvent(good, event -> event.getType() == EpisodeEventType.STARTED);
    }

    @Test
    void commandsInTheTopologyAndTheReferenceAgent() {
        String good = requestedEpisode();
        EpisodeCommand cancel = command(good, CommandType.CANCEL);
        cancel.setReason(BadRecords.ODD_TEXT);
        BadRecords.Batch bad = BadRecords.sendBeforeGood(root, Topics.EPISODE_COMMANDS, good,
                command(newId(), CommandType.CANCEL), cancel);

        bad.assertDeadLetteredBy(TOPOLOGY);
        // The agent takes the episode id from the command itself: a command without a key is still one it can obey.
        List<BadRecords.Case> unreadableForTheAgent = bad.cases().stream()
                .filter(unreadable -> unreadable.kind() != BadRecords.Kind.NULL_KEY).toList();
        unreadableForTheAgent.forEach(unreadable -> BadRecords.assertDeadLettered(unreadable, AGENT));
        bad.assertCounted(bad.cases().size() + unreadableForTheAgent.size());
        EpisodeEvent cancelled = awaitEvent(good, event -> event.getType() == EpisodeEventType.CANCELLED);
        assertThat(((EpisodeCancelled) cancelled.getPayload()).getReason()).isEqualTo(BadRecords.ODD_TEXT);
    }

    @Test
    void agentReports() {
        String good = requestedEpisode();
        AgentReport step = report(good, ReportType.STEP);
        step.setMessage(BadRecords.ODD_TEXT);
        BadRecords.Batch bad = BadRecords.sendBeforeGood(root, Topics.AGENT_REPORTS, good, report(newId(), ReportType.STEP),
                step);

        bad.assertDeadLetteredBy(TOPOLOGY);
        // Not running yet, so the report is read and refused: the refusal shows it was processed.
        EpisodeEvent refused = awaitEvent(good, event -> event.getType() == EpisodeEventType.TRANSITION_REFUSED);
        assertThat(((TransitionRefused) refused.getPayload()).getInputId()).isEqualTo(step.getReportId());
    }

    @Test
    void oddButReadableRequestsAreProcessed() {
        String loneSurrogate = newId();
        String oversized = newId();
        String hugeTask = BadRecords.oversizedText(BadRecords.OVERSIZED_TEXT_BYTES);

        TopicClient.send(Topics.EPISODE_REQUESTS, loneSurrogate, request(loneSurrogate, BadRecords.LONE_SURROGATE_TEXT));
        TopicClient.send(Topics.EPISODE_REQUESTS, oversized, request(oversized, hugeTask));

        assertThat(requestedTask(loneSurrogate)).isEqualTo(BadRecords.asUtf8Carries(BadRecords.LONE_SURROGATE_TEXT));
        // Read in full, then refused by the request rules (tasks are at most 10,000 characters), not dead-lettered.
        EpisodeEvent refusal = TopicClient.await(Topics.EPISODE_EVENTS, record -> oversized.equals(record.key())
                && record.value().getType() == EpisodeEventType.REQUEST_REFUSED, TIMEOUT).value();
        assertThat(refusal.getPayload().toString()).contains("task");
    }

    @Test
    void oddButReadableCommandsAndReportsAreProcessed() {
        String cancelled = requestedEpisode();
        String reported = requestedEpisode();
        String hugeText = BadRecords.oversizedText(BadRecords.OVERSIZED_TEXT_BYTES);
        EpisodeCommand cancel = command(cancelled, CommandType.CANCEL);
        cancel.setReason(hugeText);
        AgentReport step = report(reported, ReportType.STEP);
        step.setMessage(hugeText);

        TopicClient.send(Topics.EPISODE_COMMANDS, cancelled, cancel);
        TopicClient.send(Topics.AGENT_REPORTS, reported, step);

        EpisodeEvent event = awaitEvent(cancelled, candidate -> candidate.getType() == EpisodeEventType.CANCELLED);
        assertThat(((EpisodeCancelled) event.getPayload()).getReason()).isEqualTo(hugeText);
        awaitEvent(reported, candidate -> candidate.getType() == EpisodeEventType.TRANSITION_REFUSED);
    }

    /** An episode requested through the topic and evaluating, so records of the other topics apply to it. */
    private static String requestedEpisode() {
        String episodeId = newId();
        TopicClient.send(Topics.EPISODE_REQUESTS, episodeId, request(episodeId, "restart the web tier"));
        awaitEvent(episodeId, event -> event.getType() == EpisodeEventType.EVALUATING);
        return episodeId;
    }

    private static String requestedTask(String episodeId) {
        EpisodeEvent requested = awaitEvent(episodeId, event -> event.getType() == EpisodeEventType.REQUESTED);
        return ((EpisodeRequested) requested.getPayload()).getTask();
    }

    private static EpisodeEvent awaitEvent(String episodeId, Predicate<EpisodeEvent> match) {
        return TopicClient.await(Topics.EPISODE_EVENTS,
                record -> episodeId.equals(record.key()) && match.test(record.value()), TIMEOUT).value();
    }

    private static String newId() {
        return "bad-records-" + UUID.randomUUID();
    }
}
