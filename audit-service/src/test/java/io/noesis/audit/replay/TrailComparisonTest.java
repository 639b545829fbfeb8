package io.noesis.audit.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A replay from a point in time against scratch copies of the audit log: the source records are real
 * records on the catalogue's topics, written by this test after that point; the logs are what a correct
 * or a tampered audit-service would have written for them.
 */
class TrailComparisonTest {

    /** Far fewer than the records in range, so that each source partition takes several polls to read. */
    private static final int MAX_POLL_RECORDS = 2;
    private static final ReplayDeserializers DESERIALIZERS = new ReplayDeserializers(TestRegistry.shared().serdes());
    private static final Map<String, Object> CLIENT = Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers(),
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
    private static final ChainState SOMEWHERE_IN_THE_CHAIN = new ChainState(100, "ab".repeat(32));
    private static final Instant RECORDED_AT = Instant.parse("2026-05-01T12:00:00Z");
    private static final int EPISODES = 6;

    private static Instant beforeEarlier;
    private static List<AuditEntry> earlier;
    private static Instant since;
    private static List<RecordMetadata> written;
    /** The range's entries in the order their records were written, which interleaves the partitions. */
    private static List<AuditEntry> entries;
    /** A record without a value in the middle of the range: the live topology skips it, and so must a replay. */
    private static RecordMetadata tombstone;

    @BeforeAll
    static void writeSourceRecords() throws Exception {
        beforeEarlier = Instant.now();
        Thread.sleep(5);
        List<EpisodeCommand> before = commands("early", 4);
        earlier = told(before, send(before));
        Thread.sleep(5);
        since = Instant.now();
        Thread.sleep(5);
        List<EpisodeCommand> commands = commands("cmp", 24);
        written = new ArrayList<>(send(commands.subList(0, 12)));
        tombstone = sendTombstone(commands.get(0).getEpisodeId());
        written.addAll(send(commands.subList(12, commands.size())));
        entries = told(commands, written);
    }

    @Test
    void aFaithfulLogMatchesAndTheReplayStartsAtTheFirstRecordsSince() throws Exception {
        TrailComparison.Result result = compare(chain(entries));

        assertTrue(result.matches(), result::toString);
        assertEquals(entries.size(), result.compared());
        Map<String, Long> firstWritten = new TreeMap<>();
        written.forEach(record -> firstWritten.merge(record.topic() + "-" + record.partition(), record.offset(), Math::min));
        firstWritten.forEach((partition, offset) -> assertEquals(offset, result.startOffsets().get(partition), partition));
    }

    /** The links of each source partition keep its order; how the partitions interleave is the live topology's. */
    @Test
    void aRangeOfManyPollsMatchesWhateverWayTheLogInterleavesThePartitions() throws Exception {
        Map<Integer, Long> perPartition = new TreeMap<>();
        entries.forEach(entry -> perPartition.merge(entry.sourcePartition(), 1L, Long::sum));
        assertTrue(perPartition.size() > 1 && perPartition.values().stream().anyMatch(count -> count > MAX_POLL_RECORDS),
                perPartition::toString);
        List<AuditEntry> partitionAfterPartition = entries.stream()
                .sorted(Comparator.comparingInt(AuditEntry::sourcePartition).reversed()).toList();
        Progress progress = new Progress();

        TrailComparison.Result result = TrailComparison.run(CLIENT, DESERIALIZERS,
                ChainCheckTest.scratchLog(chain(partitionAfterPartition)), since, progress);

        assertTrue(result.matches(), result::toString);
        assertEquals(entries.size(), result.compared());
        assertTrue(progress.read() >= 2L * entries.size() && progress.read() <= progress.span(),
                progress.read() + " of " + progress.span());
    }

    @Test
    void aForgedRecordIsFoundEvenWhenItsChainWasRehashed() throws Exception {
        List<AuditEntry> forged = new ArrayList<>(entries);
        AuditEntry original = forged.get(1);
        forged.set(1, forgedBy("mallory", original));
        String topic = ChainCheckTest.scratchLog(chain(forged));
        ChainCheck.Result chain = ChainCheck.run(CLIENT, DESERIALIZERS, topic, Instant.EPOCH,
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
        assertEquals(1, result.differences());
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
        assertEquals(1, result.differences());
        assertEquals(entries.size(), result.firstDifference().place().offset());
        assertTrue(result.firstDifference().reason().endsWith("it was inserted or recorded twice"),
                result.firstDifference()::toString);
    }

    /** Placed where the live topology would have chained it, after the records written before it. */
    @Test
    void aLinkInsertedForARecordWithoutAValueIsReported() throws Exception {
        List<AuditEntry> inserted = new ArrayList<>(entries);
        inserted.add(12, new AuditEntry(entries.get(0).episodeId(), "mallory", "START", "started it",
                tombstone.topic(), tombstone.partition(), tombstone.offset(), Instant.ofEpochMilli(tombstone.timestamp())));

        TrailComparison.Result result = compare(chain(inserted));

        assertFalse(result.matches());
        assertEquals(1, result.differences());
        assertEquals(12, result.firstDifference().place().offset());
        assertEquals("there is no readable source record " + tombstone.topic() + "-" + tombstone.partition() + "@"
                + tombstone.offset() + " for this link: it was inserted", result.firstDifference().reason());
    }

    /** The log holds the links of earlier records too, one of them forged: outside the range, it is not compared. */
    @Test
    void aRangeStartingMidLogComparesOnlyThatRange() throws Exception {
        List<AuditEntry> log = new ArrayList<>(earlier);
        log.set(1, forgedBy("mallory", earlier.get(1)));
        log.addAll(entries);
        String topic = ChainCheckTest.scratchLog(chain(log));

        TrailComparison.Result fromSince = compare(topic);
        TrailComparison.Result fromEarlier = compare(topic, beforeEarlier);

        assertTrue(fromSince.matches(), fromSince::toString);
        assertEquals(entries.size(), fromSince.compared());
        assertFalse(fromEarlier.matches());
        assertEquals(1, fromEarlier.differences());
        assertEquals(1, fromEarlier.firstDifference().place().offset());
        assertEquals(log.size(), fromEarlier.compared());
    }

    private static TrailComparison.Result compare(List<ChainLink> log) throws Exception {
        return compare(ChainCheckTest.scratchLog(log));
    }

    private static TrailComparison.Result compare(String topic) {
        return compare(topic, since);
    }

    private static TrailComparison.Result compare(String topic, Instant from) {
        return TrailComparison.run(CLIENT, DESERIALIZERS, topic, from, new Progress());
    }

    private static AuditEntry forgedBy(String actor, AuditEntry original) {
        return new AuditEntry(original.episodeId(), actor, original.action(), original.summary(),
                original.sourceTopic(), original.sourcePartition(), original.sourceOffset(), original.sourceTimestamp());
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

    private static List<AuditEntry> told(List<EpisodeCommand> commands, List<RecordMetadata> written) {
        List<AuditEntry> told = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            RecordMetadata at = written.get(i);
            told.add(AuditedSource.COMMANDS.tell(commands.get(i).getEpisodeId(), commands.get(i), at.partition(),
                    at.offset(), at.timestamp()));
        }
        return told;
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

    private static RecordMetadata sendTombstone(String episodeId) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(Topics.EPISODE_COMMANDS.name(), episodeId, null)).get();
        }
    }

    /** Count commands over a few episodes, taken in turn, so that the partitions interleave. */
    private static List<EpisodeCommand> commands(String prefix, int count) {
        List<EpisodeCommand> commands = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            commands.add(EpisodeCommand.newBuilder().setCommandId(prefix + "-" + i)
                    .setEpisodeId("ep-" + prefix + "-" + (i % EPISODES)).setType(CommandType.START)
                    .setIssuedAt(Instant.now()).setIssuedBy("episode-service").build());
        }
        return commands;
    }
}
