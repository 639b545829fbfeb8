package io.noesis.audit.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.audit.domain.AuditChain;
import io.noesis.audit.domain.AuditEntry;
import io.noesis.audit.domain.ChainLink;
import io.noesis.audit.domain.ChainState;
import io.noesis.audit.streams.AuditedSource;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.Topics;
import io.noesis.testing.TestKafka;
import io.noesis.testing.TestRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A replay from a point in time against scratch copies of the audit log: the source records are real
 * records on the catalogue's topics, written by this test after that point; the logs are what a correct
 * or a tampered audit-service would have written for them.
 */
class TrailComparisonTest {

    private static final Map<String, Object> CLIENT = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            TestKafka.shared().bootstrapServers());
    private static final ChainState SOMEWHERE_IN_THE_CHAIN = new ChainState(100, "ab".repeat(32));
    private static final Instant RECORDED_AT = Instant.parse("2026-05-01T12:00:00Z");

    private static Instant since;
    private static List<RecordMetadata> written;
    private static List<AuditEntry> entries;

    @BeforeAll
    static void writeSourceRecords() throws Exception {
        since = Instant.now();
        Thread.sleep(5);
        List<EpisodeCommand> commands = List.of(command("ep-cmp-a", "cmp-1"), command("ep-cmp-b", "cmp-2"),
                command("ep-cmp-a", "cmp-3"));
        written = send(commands);
        entries = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            RecordMetadata at = written.get(i);
            entries.add(AuditedSource.COMMANDS.tell(commands.get(i).getEpisodeId(), commands.get(i), at.partition(),
                    at.offset(), at.timestamp()));
        }
    }

    /** The rebuilt view is held in memory: a range longer than the limit fails before it is read, with the way out. */
    @Test
    void aRangeLongerThanTheLimitFailsBeforeItIsRead() throws Exception {
        String log = ChainCheckTest.scratchLog(chain(entries));

        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> TrailComparison.run(CLIENT, TestRegistry.shared().serdes(), log, since, 2, new Progress()));

        assertTrue(tooLong.getMessage().contains("noesis.audit.rebuild-max-records"), tooLong::getMessage);
    }

    @Test
    void aFaithfulLogMatchesAndTheReplayStartsAtTheFirstRecordsSince() throws Exception {
        TrailComparison.Result result = compare(chain(entries));

        assertTrue(result.matches(), result::toString);
        assertEquals(3, result.compared());
        Map<String, Long> firstWritten = new TreeMap<>();
        written.forEach(record -> firstWritten.merge(record.topic() + "-" + record.partition(), record.offset(), Math::min));
        firstWritten.forEach((partition, offset) -> assertEquals(offset, result.startOffsets().get(partition), partition));
    }

    @Test
    void aForgedRecordIsFoundEvenWhenItsChainWasRehashed() throws Exception {
        List<AuditEntry> forged = new ArrayList<>(entries);
        AuditEntry original = forged.get(1);
        forged.set(1, new AuditEntry(original.episodeId(), "mallory", original.action(), original.summary(),
                original.sourceTopic(), original.sourcePartition(), original.sourceOffset(), original.sourceTimestamp()));
        String topic = ChainCheckTest.scratchLog(chain(forged));
        ChainCheck.Result chain = ChainCheck.run(CLIENT, TestRegistry.shared().serdes(), topic, Instant.EPOCH,
                new Progress());

        TrailComparison.Result result = compare(topic);

        assertTrue(chain.intact(), "a forger who rehashes the rest of the chain passes the chain check");
        assertFalse(result.matches());
        assertEquals(1, result.differences());
        assertEquals(1, result.firstDifference().place().offset(), "the second record of the scratch log");
        assertEquals("differs from its source record " + original.sourceTopic() + "-" + original.sourcePartition()
                        + "@" + original.sourceOffset() + ": actor is \"mallory\" where the source tells \"episode-service\"",
                result.firstDifference().reason());
    }

    @Test
    void aDeletedRecordIsReportedAtItsSourceRecord() throws Exception {
        List<AuditEntry> remaining = new ArrayList<>(entries);
        AuditEntry deleted = remaining.remove(2);

        TrailComparison.Result result = compare(chain(remaining));

        assertFalse(result.matches());
        assertEquals(new LogPlace(deleted.sourceTopic(), deleted.sourcePartition(), deleted.sourceOffset()),
                result.firstDifference().place());
        assertEquals("this source record has no link in the audit log", result.firstDifference().reason());
    }

    @Test
    void aRecordWrittenTwiceIsReported() throws Exception {
        List<AuditEntry> twice = new ArrayList<>(entries);
        twice.add(entries.get(0));

        TrailComparison.Result result = compare(chain(twice));

        assertFalse(result.matches());
        assertEquals(3, result.firstDifference().place().offset());
        assertTrue(result.firstDifference().reason().endsWith("it was inserted or recorded twice"),
                result.firstDifference()::toString);
    }

    private static TrailComparison.Result compare(List<ChainLink> log) throws Exception {
        return compare(ChainCheckTest.scratchLog(log));
    }

    private static TrailComparison.Result compare(String topic) {
        return TrailComparison.run(CLIENT, TestRegistry.shared().serdes(), topic, since, Long.MAX_VALUE, new Progress());
    }

    private static List<ChainLink> chain(List<AuditEntry> told) {
        List<ChainLink> links = new ArrayList<>();
        ChainState state = SOMEWHERE_IN_THE_CHAIN;
        for (AuditEntry entry : told) {
            ChainLink link = AuditChain.append(state, entry, RECORDED_AT);
            links.add(link);
            state = state.after(link);
        }
        return links;
    }

    private static List<RecordMetadata> send(List<EpisodeCommand> commands) throws Exception {
        try (KafkaProducer<String, EpisodeCommand> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                TestRegistry.shared().serdes().valueSerde(Topics.EPISODE_COMMANDS).serializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (EpisodeCommand command : commands) {
                sent.add(producer.send(new ProducerRecord<>(Topics.EPISODE_COMMANDS.name(), command.getEpisodeId(),
                        command)));
            }
            List<RecordMetadata> metadata = new ArrayList<>();
            for (Future<RecordMetadata> each : sent) {
                metadata.add(each.get());
            }
            return metadata;
        }
    }

    private static EpisodeCommand command(String episodeId, String commandId) {
        return EpisodeCommand.newBuilder().setCommandId(commandId).setEpisodeId(episodeId).setType(CommandType.START)
                .setIssuedAt(Instant.now()).setIssuedBy("episode-service").build();
    }
}
