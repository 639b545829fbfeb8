package io.noesis.approval.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.noesis.schemas.ApprovalAwaited;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeRejected;
import io.noesis.schemas.EvaluationSubject;
import io.noesis.schemas.Topics;
import io.noesis.testing.TestKafka;
import io.noesis.testing.TestRegistry;
import io.noesis.testing.TopicClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a Slack message is survives a restart of the relay, even one that lost its local state: the store's
 * changelog brings it back, and the message posted before the restart is the one rewritten after it.
 */
class SlackRelayRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    private final FakeSlack slack = new FakeSlack();
    private SlackMessages messages;

    @BeforeEach
    void startFakeSlack() {
        messages = new SlackMessages(settings(slack.start()));
    }

    @AfterEach
    void stopFakeSlack() {
        slack.stop();
    }

    @Test
    void aMessagePostedBeforeARestartIsRewrittenAfterIt() throws Exception {
        String episodeId = "ep-" + UUID.randomUUID();
        String applicationId = "slack-relay-restart-" + UUID.randomUUID();
        KafkaStreams before = start(applicationId);
        append(episodeId, 4, EpisodeEventType.AWAITING_APPROVAL, ApprovalAwaited.newBuilder()
                .setEvaluationId("eval-1")
                .setSubject(EvaluationSubject.REQUEST)
                .setTask("drop the sessions table")
                .setRequestedBy("rita")
                .setRiskScore(0.9)
                .setRequiredApprovals(1)
                .setDeadline(Instant.now().plus(Duration.ofHours(1)))
                .build());
        FakeSlack.Call post = FakeSlack.awaitCall(call -> call.method().equals("chat.postMessage")
                && call.form().getOrDefault("blocks", "").contains(episodeId), WAIT);
        before.close(Duration.ofSeconds(30));
        before.cleanUp();

        KafkaStreams after = start(applicationId);
        try {
            append(episodeId, 5, EpisodeEventType.REJECTED,
                    new EpisodeRejected("cmd-1", List.of("bob"), List.of("d-1"), "no backup"));
            FakeSlack.Call update = FakeSlack.awaitCall(call -> call.method().equals("chat.update")
                    && post.answeredTs().equals(call.form().get("ts")), WAIT);
            assertEquals("Rejected by bob: no backup", update.form().get("text"));
        } finally {
            after.close(Duration.ofSeconds(30));
        }
    }

    private KafkaStreams start(String applicationId) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // The restarted instance gets the partitions at once instead of after the old member's session timeout.
        config.put("internal.leave.group.on.close", true);
        // Other tests of this JVM leave unreadable records on the episode log on purpose.
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        KafkaStreams streams = new KafkaStreams(SlackRelay.topology(TestRegistry.shared().serdes(), messages), config);
        streams.start();
        return streams;
    }

    private static void append(String episodeId, long sequence, EpisodeEventType type, Object payload) {
        TopicClient.send(Topics.EPISODE_EVENTS, episodeId, EpisodeEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setEpisodeId(episodeId)
                .setSequence(sequence)
                .setType(type)
                .setTime(Instant.now())
                .setSource("test")
                .setPayload(payload)
                .build());
    }

    private static SlackSettings settings(Map<String, String> fake) {
        return new SlackSettings() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public String apiUrl() {
                return fake.get("noesis.slack.api-url");
            }

            @Override
            public Optional<String> botToken() {
                return Optional.of(FakeSlack.BOT_TOKEN);
            }

            @Override
            public Optional<String> signingSecret() {
                return Optional.of(FakeSlack.SIGNING_SECRET);
            }

            @Override
            public String channel() {
                return FakeSlack.CHANNEL;
            }

            @Override
            public Duration outcomeWait() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Map<String, String> users() {
                return Map.of();
            }

            @Override
            public Map<String, String> groups() {
                return Map.of();
            }
        };
    }
}
