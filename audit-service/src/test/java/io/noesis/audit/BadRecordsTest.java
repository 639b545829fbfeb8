package io.noesis.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.audit.domain.AuditChain;
import io.noesis.audit.domain.ChainVerification;
import io.noesis.audit.streams.AuditRecords;
import io.noesis.schemas.AgentReport;
import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.AuditRecord;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.DecisionChannel;
import io.noesis.schemas.DecisionKind;
import io.noesis.schemas.DecisionOutcome;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeRequest;
import io.noesis.schemas.EpisodeRequested;
import io.noesis.schemas.EvaluationSubject;
import io.noesis.schemas.PolicyEvaluation;
import io.noesis.schemas.ReportType;
import io.noesis.schemas.SecurityEvent;
import io.noesis.schemas.SecurityEventKind;
import io.noesis.schemas.Topic;
import io.noesis.schemas.Topics;
import io.noesis.schemas.DecisionResult;
import io.noesis.testing.BadRecords;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TestTokens;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every topic audit-service reads (all eight), fed every kind of unreadable record and then a good one on
 * the same partition: each unreadable record is dead-lettered and counted, the good one enters the
 * episode's timeline, and the chain still verifies. A record without a key is readable here: it is
 * chained under no episode rather than dead-lettered, since the trail keeps everything that happened.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class BadRecordsTest {

    private static final String CONSUMER = "noesis-audit-service";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Instant NOW = Instant.now();

    @TestHTTPResource("/")
    URI root;

    /** A topic and a good record of it for an episode id, with odd text wherever the record has free text. */
    record Source<V>(Topic<V> topic, Function<String, V> record) {

        @Override
        public String toString() {
            return topic.name();
        }
    }

    static Stream<Source<?>> sources() {
        String odd = BadRecords.ODD_TEXT;
        return Stream.of(
                new Source<>(Topics.EPISODE_REQUESTS, id -> EpisodeRequest.newBuilder().setEpisodeId(id).setTask(odd)
                        .setRequestedBy("alice").build()),
                new Source<>(Topics.EPISODE_EVENTS, id -> EpisodeEvent.newBuilder().setEventId(id + "-1").setEpisodeId(id)
                        .setSequence(1).setType(EpisodeEventType.REQUESTED).setTime(NOW).setSource("request")
                        .setPayload(EpisodeRequested.newBuilder().setTask(odd).setRequestedBy("alice").build()).build()),
                new Source<>(Topics.POLICY_EVALUATIONS, id -> PolicyEvaluation.newBuilder().setEvaluationId("eval-" + id)
                        .setEpisodeId(id).setSubject(EvaluationSubject.REQUEST).setRequiresApproval(false).setRiskScore(0.1)
                        .setRuleSetVersion(odd).setEvaluatedAt(NOW).build()),
                new Source<>(Topics.APPROVAL_DECISIONS, id -> ApprovalDecision.newBuilder().setDecisionId("d-" + id)
                        .setEpisodeId(id).setOutcome(DecisionKind.APPROVE).setApprover("bob").setReason(odd)
                        .setChannel(DecisionChannel.API).setDecidedAt(NOW).build()),
                new Source<>(Topics.APPROVAL_OUTCOMES, id -> DecisionOutcome.newBuilder().setDecisionId("d-" + id)
                        .setEpisodeId(id).setApprover("bob").setAccepted(true).setVerdict(DecisionResult.RECORDED).setMessage(odd)
                        .setJudgedAt(NOW).build()),
                new Source<>(Topics.EPISODE_COMMANDS, id -> EpisodeCommand.newBuilder().setCommandId("cancel-" + id)
                        .setEpisodeId(id).setType(CommandType.CANCEL).setIssuedAt(NOW).setIssuedBy("episode-service")
                        .setReason(odd).build()),
                new Source<>(Topics.AGENT_REPORTS, id -> AgentReport.newBuilder().setReportId("report-" + id)
                        .setEpisodeId(id).setType(ReportType.STEP).setReportedAt(NOW).setAgent("agent-7").setMessage(odd)
                        .build()),
                new Source<>(Topics.SECURITY_EVENTS, id -> SecurityEvent.newBuilder().setEventId("security-" + id)
                        .setKind(SecurityEventKind.SLACK_SIGNATURE_FORGED).setChannel("SLACK").setClaimedEpisodeId(id)
                        .setClaimedUserId(odd).setOccurredAt(NOW).setDetail(odd).build()));
    }

    @ParameterizedTest
    @MethodSource("sources")
    <V> void unreadableRecordsAreDeadLetteredAndTheNextIsChained(Source<V> source) {
        String good = newId();
        BadRecords.Batch bad = BadRecords.sendBeforeGood(root, source.topic(), good, source.record().apply(newId()),
                source.record().apply(good));

        bad.without(BadRecords.Kind.NULL_KEY).assertDeadLetteredBy(CONSUMER);
        awaitTimelineFrom(good, source.topic());
        BadRecords.Case keyless = bad.only(BadRecords.Kind.NULL_KEY);
        List<ConsumerRecord<String, AuditRecord>> log = TopicClient.readAll(Topics.AUDIT_LOG, Duration.ofSeconds(1));
        assertTrue(log.stream().map(ConsumerRecord::value).anyMatch(record -> record.getSourceTopic().equals(keyless.topic())
                && record.getSourcePartition() == keyless.partition() && record.getSourceOffset() == keyless.offset()),
                "the record without a key is in the chain");
        ChainVerification verification = AuditChain.verify(log.stream()
                .map(record -> AuditRecords.toLink(record.value())).toList());
        assertTrue(verification.intact(), verification::toString);
    }

    @Test
    void oddButReadableRequestsAreChained() {
        String loneSurrogate = newId();
        String oversized = newId();

        TopicClient.send(Topics.EPISODE_REQUESTS, loneSurrogate, EpisodeRequest.newBuilder().setEpisodeId(loneSurrogate)
                .setTask(BadRecords.LONE_SURROGATE_TEXT).setRequestedBy("alice").build());
        TopicClient.send(Topics.EPISODE_REQUESTS, oversized, EpisodeRequest.newBuilder().setEpisodeId(oversized)
                .setTask(BadRecords.oversizedText(BadRecords.OVERSIZED_TEXT_BYTES)).setRequestedBy("alice").build());

        assertEquals("alice", awaitTimelineFrom(loneSurrogate, Topics.EPISODE_REQUESTS).jsonPath().getString("records[0].actor"));
        assertEquals("alice", awaitTimelineFrom(oversized, Topics.EPISODE_REQUESTS).jsonPath().getString("records[0].actor"));
    }

    private static Response awaitTimelineFrom(String episodeId, Topic<?> topic) {
        String token = TestTokens.mint("audrey", Set.of("auditor"), Set.of());
        Instant giveUp = Instant.now().plus(TIMEOUT);
        Response answer;
        do {
            answer = given().auth().oauth2(token).get("/audit/episodes/{id}", episodeId);
            if (answer.statusCode() == 200
                    && answer.jsonPath().getList("records.source_topic", String.class).contains(topic.name())) {
                return answer;
            }
            sleep();
        } while (Instant.now().isBefore(giveUp));
        throw new AssertionError("no record from " + topic.name() + " in the timeline of " + episodeId + ": " + answer.asString());
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String newId() {
        return "bad-records-" + UUID.randomUUID();
    }
}
