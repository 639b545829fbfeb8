package io.noesis.audit.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.DecisionChannel;
import io.noesis.schemas.DecisionKind;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.SecurityEvent;
import io.noesis.schemas.SecurityEventKind;
import io.noesis.schemas.Topic;
import io.noesis.schemas.Topics;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TestKafka;
import io.noesis.testing.TestRegistry;
import io.noesis.testing.TestTokens;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Decisions, export and replays through the REST API, against the live topology on the in-JVM broker. */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class AuditQueriesAndReplaysTest {

    private static final int LARGE = 3000;

    private static String auditor() {
        return TestTokens.mint("audrey", Set.of("auditor"), Set.of());
    }

    @Test
    void decisionsAreFilteredByApproverOutcomeChannelAndTime() {
        Instant day = Instant.parse("2031-01-01T00:00:00Z");
        String episodeId = "ep-decisions-" + UUID.randomUUID();
        send(Topics.APPROVAL_DECISIONS, List.of(
                decision(episodeId, "alice", DecisionKind.APPROVE, DecisionChannel.API, day.plusSeconds(10)),
                decision(episodeId, "bob", DecisionKind.REJECT, DecisionChannel.SLACK, day.plusSeconds(20)),
                decision(episodeId, "alice", DecisionKind.REJECT, DecisionChannel.WEB, day.plusSeconds(30)),
                decision(episodeId, "carol", DecisionKind.APPROVE, DecisionChannel.API, day.plusSeconds(40))), null);
        String inDay = "from=" + day + "&to=" + day.plusSeconds(86_400);

        List<String> all = awaitDecisions(inDay, 4);
        assertEquals(List.of("alice", "bob", "alice", "carol"), all, "in the order they were made");
        assertEquals(List.of("alice", "alice"), approvers(inDay + "&approver=alice"));
        assertEquals(List.of("bob", "alice"), approvers(inDay + "&outcome=REJECT"));
        assertEquals(List.of("alice", "carol"), approvers(inDay + "&channel=API"));
        assertEquals(List.of("bob", "alice"), approvers("from=" + day.plusSeconds(20) + "&to=" + day.plusSeconds(40)));
        assertEquals(List.of("carol"), approvers(inDay + "&outcome=APPROVE&channel=API&approver=carol"));
        given().auth().oauth2(auditor()).when().get("/audit/decisions?" + inDay + "&approver=bob")
                .then().statusCode(200)
                .body("decisions[0].decision_id", equalTo("d-bob-REJECT-" + episodeId))
                .body("decisions[0].episode_id", equalTo(episodeId))
                .body("decisions[0].channel", equalTo("SLACK"))
                .body("decisions[0].reason", equalTo("because bob said so"))
                .body("decisions[0].decided_at", equalTo(day.plusSeconds(20).toString()));
    }

    @Test
    void badDecisionQueriesAreProblemsNamingTheField() {
        badRequest("/audit/decisions?outcome=MAYBE", "outcome");
        badRequest("/audit/decisions?channel=email", "channel");
        badRequest("/audit/decisions?from=yesterday", "from");
        badRequest("/audit/decisions?from=2031-01-02T00:00:00Z&to=2031-01-01T00:00:00Z", "to");
        badRequest("/audit/decisions?limit=0", "limit");
        given().auth().oauth2(TestTokens.mint("bob", Set.of("approver"), Set.of("sre")))
                .when().get("/audit/decisions").then().statusCode(403);
        given().when().get("/audit/export").then().statusCode(401);
    }

    @Test
    void aLargeRangeIsExportedAsJsonLinesAndCsv() {
        // In the past: brokers refuse record times more than an hour ahead (message.timestamp.after.max.ms).
        Instant hour = Instant.parse("2021-06-01T10:00:00Z");
        List<EpisodeCommand> commands = new ArrayList<>();
        for (int i = 0; i < LARGE; i++) {
            commands.add(command("ep-export-" + (i % 50), "cmd-export-" + i));
        }
        send(Topics.EPISODE_COMMANDS, commands, hour);
        String range = "from=" + hour + "&to=" + hour.plusSeconds(3600);

        List<String> lines = awaitExport(range + "&format=jsonl", LARGE);
        assertEquals(LARGE, lines.size());
        JsonPath first = JsonPath.from(lines.get(0));
        assertEquals(Topics.EPISODE_COMMANDS.name(), first.getString("source_topic"));
        assertEquals(64, first.getString("hash").length());
        assertTrue(first.getString("summary").startsWith("command cmd-export-"), first::prettify);

        String csv = export(range + "&format=csv").then().statusCode(200)
                .contentType("text/csv; charset=utf-8").extract().asString();
        List<String> rows = csv.lines().toList();
        assertEquals(CsvLines.HEADER, rows.get(0));
        assertEquals(LARGE + 1, rows.size());

        badRequest("/audit/export?format=xml", "format");
        assertEquals("", export("from=2040-01-01T00:00:00Z&format=jsonl").then().statusCode(200).extract().asString());
    }

    @Test
    void theLiveTrailEqualsAFullReplayAndItsChainIsIntact() {
        String episodeId = "ep-replay-" + UUID.randomUUID();
        send(Topics.EPISODE_COMMANDS, List.of(command(episodeId, "cmd-a-" + episodeId),
                command(episodeId, "cmd-b-" + episodeId)), null);
        TopicClient.send(Topics.SECURITY_EVENTS, episodeId, SecurityEvent.newBuilder().setEventId("sec-" + episodeId)
                .setKind(SecurityEventKind.SLACK_SIGNATURE_STALE).setChannel("SLACK").setClaimedEpisodeId(episodeId)
                .setOccurredAt(Instant.now()).setDetail("sent again").build());

        JsonPath rebuilt = awaitPassingReplay("{\"kind\": \"rebuild\"}");
        assertTrue(rebuilt.getLong("result.compared") >= 3);
        assertTrue(rebuilt.getMap("result.start_offsets").keySet().stream()
                .anyMatch(partition -> partition.toString().startsWith(Topics.SECURITY_EVENTS.name())), rebuilt::prettify);
        assertEquals(0, rebuilt.getLong("result.differences"));
        assertTrue(rebuilt.getLong("read") > 0 && rebuilt.getLong("read") <= rebuilt.getLong("span"));

        JsonPath verified = awaitPassingReplay("{\"kind\": \"verify\"}");
        assertTrue(verified.getBoolean("result.intact"));
        assertTrue(verified.getLong("result.checked") >= rebuilt.getLong("result.compared"));
    }

    @Test
    void aReplayFromAPointInTimeStartsAtTheFirstRecordsWrittenSince() throws Exception {
        Instant since = Instant.now();
        Thread.sleep(5);
        List<RecordMetadata> written = send(Topics.EPISODE_COMMANDS,
                List.of(command("ep-since-a", "cmd-since-a"), command("ep-since-b", "cmd-since-b")), null);

        JsonPath replay = awaitPassingReplay("{\"kind\": \"rebuild\", \"from\": \"" + since + "\"}");

        Map<String, Object> starts = replay.getMap("result.start_offsets");
        Map<String, Long> firstWritten = new TreeMap<>();
        written.forEach(record -> firstWritten.merge(record.topic() + "-" + record.partition(), record.offset(), Math::min));
        firstWritten.forEach((partition, offset) -> assertEquals(offset, ((Number) starts.get(partition)).longValue(),
                "the replay of " + partition + " starts at the record written first since"));
        assertEquals(since.toString(), replay.getString("from"));
        assertTrue(replay.getLong("result.compared") >= written.size());
    }

    @Test
    void replaysAreRefusedWhenMalformedAndUnknownOnesAreNotFound() {
        given().auth().oauth2(auditor()).contentType("application/json").body("{\"kind\": \"shred\"}")
                .when().post("/audit/replays").then().statusCode(400).body("field", equalTo("kind"));
        given().auth().oauth2(auditor()).contentType("application/json").body("{\"kind\": \"verify\", \"from\": \"soon\"}")
                .when().post("/audit/replays").then().statusCode(400).body("field", equalTo("from"));
        given().auth().oauth2(auditor()).contentType("application/json").body("{\"kind\": \"verify\", \"x\": 1}")
                .when().post("/audit/replays").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(auditor()).when().get("/audit/replays/nope")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static JsonPath awaitPassingReplay(String request) {
        return eventually(() -> {
            Response started = given().auth().oauth2(auditor()).contentType("application/json").body(request)
                    .when().post("/audit/replays");
            started.then().statusCode(202).header("Location", notNullValue()).body("id", notNullValue());
            String location = started.header("Location");
            return eventually(() -> given().auth().oauth2(auditor()).when().get(location).jsonPath(),
                    progress -> "done".equals(progress.getString("state")));
        }, done -> done.getBoolean("passed"));
    }

    private static List<String> awaitDecisions(String query, int count) {
        return eventually(() -> approvers(query), approvers -> approvers.size() >= count);
    }

    private static List<String> approvers(String query) {
        Response answer = given().auth().oauth2(auditor()).when().get("/audit/decisions?" + query);
        return answer.statusCode() == 200 ? answer.jsonPath().getList("decisions.approver", String.class) : List.of();
    }

    private static List<String> awaitExport(String query, int lines) {
        return eventually(() -> export(query).asString().lines().toList(), found -> found.size() >= lines);
    }

    private static Response export(String query) {
        return given().auth().oauth2(auditor()).when().get("/audit/export?" + query);
    }

    private static void badRequest(String path, String field) {
        given().auth().oauth2(auditor()).when().get(path).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo(field));
    }

    /** The topology fills the stores and the log asynchronously: ask until the answer fits. */
    private static <T> T eventually(Supplier<T> ask, Predicate<T> fits) {
        Instant deadline = Instant.now().plusSeconds(90);
        T answer;
        do {
            answer = ask.get();
            if (fits.test(answer)) {
                return answer;
            }
            pause();
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no fitting answer: " + answer);
    }

    private static void pause() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Sends in one producer, with the given record time or the producer's clock; answers where each landed. */
    private static <V extends SpecificRecord> List<RecordMetadata> send(Topic<V> topic,
            List<V> values, Instant time) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), TestRegistry.shared().serdes().valueSerde(topic).serializer())) {
            for (V value : values) {
                String key = (String) value.get(value.getSchema().getField("episode_id").pos());
                sent.add(producer.send(new ProducerRecord<>(topic.name(), null,
                        time == null ? null : time.toEpochMilli(), key, value)));
            }
            List<RecordMetadata> written = new ArrayList<>();
            for (Future<RecordMetadata> each : sent) {
                written.add(each.get());
            }
            return written;
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("sending to " + topic.name() + " failed", e);
        }
    }

    private static ApprovalDecision decision(String episodeId, String approver, DecisionKind outcome,
            DecisionChannel channel, Instant decidedAt) {
        return ApprovalDecision.newBuilder().setDecisionId("d-" + approver + "-" + outcome + "-" + episodeId)
                .setEpisodeId(episodeId).setOutcome(outcome).setApprover(approver).setApproverGroups(List.of("sre"))
                .setReason("because " + approver + " said so").setChannel(channel).setDecidedAt(decidedAt).build();
    }

    private static EpisodeCommand command(String episodeId, String commandId) {
        return EpisodeCommand.newBuilder().setCommandId(commandId).setEpisodeId(episodeId).setType(CommandType.START)
                .setIssuedAt(Instant.now()).setIssuedBy("episode-service").build();
    }
}
