package io.noesis.audit.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.audit.domain.AuditChain;
import io.noesis.audit.domain.AuditEntry;
import io.noesis.audit.domain.ChainLink;
import io.noesis.audit.domain.ChainState;
import io.noesis.audit.streams.AuditRecords;
import io.noesis.schemas.AuditRecord;
import io.noesis.schemas.Topic;
import io.noesis.testing.TestKafka;
import io.noesis.testing.TestRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Verification of an audit log read from Kafka: each test writes a chain, tampered with or not, to a
 * scratch copy of the audit log topic on the in-JVM broker, and checks where the break is reported.
 */
class ChainCheckTest {

    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00Z");
    private static final ReplayDeserializers DESERIALIZERS = new ReplayDeserializers(TestRegistry.shared().serdes());
    private static final Map<String, Object> CLIENT = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            TestKafka.shared().bootstrapServers());

    @Test
    void anIntactChainSaysHowManyRecordsItCovered() throws Exception {
        String topic = scratchLog(chain(8));

        ChainCheck.Result result = check(topic, null);

        assertTrue(result.intact(), result::toString);
        assertEquals(8, result.checked());
    }

    @Test
    void aForgedRecordIsFoundAtItsOffset() throws Exception {
        List<ChainLink> links = chain(8);
        ChainLink original = links.get(5);
        links.set(5, new ChainLink(original.position(), original.sourceTopic(), original.sourcePartition(),
                original.sourceOffset(), original.sourceTimestamp(), original.recordedAt(), original.episodeId(),
                "mallory", original.action(), original.summary(), original.prevHash(), original.hash()));
        String topic = scratchLog(links);

        ChainCheck.Result result = check(topic, null);

        assertFalse(result.intact());
        assertEquals(new LogPlace(topic, 0, 5), result.brokenAt());
        assertEquals(5L, result.brokenPosition());
        assertEquals("hash does not match the link's content", result.reason());
        assertEquals(5, result.checked());
    }

    @Test
    void aDeletedRecordIsFoundWhereTheGapIs() throws Exception {
        List<ChainLink> links = chain(8);
        links.remove(3);
        String topic = scratchLog(links);

        ChainCheck.Result result = check(topic, null);

        assertFalse(result.intact());
        assertEquals(new LogPlace(topic, 0, 3), result.brokenAt());
        assertEquals("found position 4 where 3 belongs", result.reason());
    }

    @Test
    void aReorderedRecordIsFoundWhereTheOrderBreaks() throws Exception {
        List<ChainLink> links = chain(8);
        Collections.swap(links, 2, 6);
        String topic = scratchLog(links);

        ChainCheck.Result result = check(topic, null);

        assertFalse(result.intact());
        assertEquals(new LogPlace(topic, 0, 2), result.brokenAt());
        assertEquals("found position 6 where 2 belongs", result.reason());
    }

    @Test
    void anInsertedRecordThatFitsTheChainBreaksTheLinkAfterIt() throws Exception {
        List<ChainLink> links = chain(6);
        ChainLink forgedFit = AuditChain.append(new ChainState(3, links.get(2).hash()),
                new AuditEntry("ep-x", "mallory", "APPROVE", "approved it", "noesis.approval.decisions", 0, 99, T0),
                T0);
        links.add(3, forgedFit);
        String topic = scratchLog(links);

        ChainCheck.Result result = check(topic, null);

        assertFalse(result.intact());
        assertEquals(new LogPlace(topic, 0, 4), result.brokenAt());
        assertEquals("found position 3 where 4 belongs", result.reason());
    }

    @Test
    void aCheckFromAPointInTimeStartsThereAndTrustsWhatCameBefore() throws Exception {
        List<ChainLink> links = chain(8);
        ChainLink original = links.get(1);
        links.set(1, new ChainLink(original.position(), original.sourceTopic(), original.sourcePartition(),
                original.sourceOffset(), original.sourceTimestamp(), original.recordedAt(), original.episodeId(),
                original.actor(), original.action(), "forged before the range", original.prevHash(), original.hash()));
        String topic = scratchLog(links);

        ChainCheck.Result result = check(topic, T0.plusSeconds(4));

        assertTrue(result.intact(), result::toString);
        assertEquals(4, result.checked(), "links 4 to 7");
        assertFalse(check(topic, null).intact());
    }

    private static ChainCheck.Result check(String topic, Instant from) {
        Progress progress = new Progress();
        ChainCheck.Result result = ChainCheck.run(CLIENT, DESERIALIZERS, topic, from, progress);
        assertTrue(progress.read() >= result.checked());
        return result;
    }

    /** Links 0..count-1, the source record of link i written at T0 + i seconds. */
    static List<ChainLink> chain(int count) {
        List<ChainLink> links = new ArrayList<>();
        ChainState state = ChainState.START;
        for (int i = 0; i < count; i++) {
            ChainLink link = AuditChain.append(state, new AuditEntry("ep-" + i, "alice", "REQUESTED",
                    "asked for task " + i, "noesis.episode.requests", 0, i, T0.plusSeconds(i)), T0.plusSeconds(i));
            links.add(link);
            state = state.after(link);
        }
        return links;
    }

    /** A new one-partition topic holding the links in list order, each with its source time as record time. */
    static String scratchLog(List<ChainLink> links) throws Exception {
        String name = "scratch.audit.log." + UUID.randomUUID();
        String servers = TestKafka.shared().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        }
        Topic<AuditRecord> topic = new Topic<>(name, AuditRecord.class, 1, Topic.FOREVER, "a scratch audit log");
        try (KafkaProducer<String, AuditRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), TestRegistry.shared().serdes().valueSerde(topic).serializer())) {
            for (ChainLink link : links) {
                producer.send(new ProducerRecord<>(name, 0, link.sourceTimestamp().toEpochMilli(), link.episodeId(),
                        AuditRecords.toRecord(link))).get();
            }
        }
        return name;
    }
}
