package io.noesis.audit.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final Instant SOURCE_TIME = Instant.parse("2026-03-01T10:00:00.123456Z");
    private static final Instant RECORDED_AT = Instant.parse("2026-03-01T10:00:01.5Z");

    @Test
    void theFirstLinkPointsAtTheGenesisHash() {
        ChainLink first = AuditChain.append(ChainState.START, entry("ep-1", "alice", 0), RECORDED_AT);

        assertEquals(0, first.position());
        assertEquals("0".repeat(64), first.prevHash());
        assertEquals(64, first.hash().length());
        assertEquals(new ChainState(1, first.hash()), ChainState.START.after(first));
    }

    @Test
    void hashesTheDocumentedCanonicalEncoding() throws Exception {
        ChainLink link = AuditChain.append(ChainState.START, entry(null, "alice", 7), RECORDED_AT);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (String field : new String[] {"0", "noesis.episode.events", "3", "7", "1772359200123", "1772359201500",
                null, "alice", "REQUESTED", "asked for it", "0".repeat(64)}) {
            byte[] text = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
            expected.writeBytes(ByteBuffer.allocate(4).putInt(field == null ? -1 : text.length).array());
            expected.writeBytes(text);
        }
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected.toByteArray()));

        assertEquals(sha256, link.hash());
        assertEquals(Instant.parse("2026-03-01T10:00:00.123Z"), link.sourceTimestamp(), "kept to milliseconds");
    }

    @Test
    void fieldBoundariesAndNullsChangeTheHash() {
        ChainLink ab = AuditChain.append(ChainState.START, new AuditEntry("ep", "ab", "c", "s", "t", 0, 0, SOURCE_TIME),
                RECORDED_AT);
        ChainLink a = AuditChain.append(ChainState.START, new AuditEntry("ep", "a", "bc", "s", "t", 0, 0, SOURCE_TIME),
                RECORDED_AT);
        ChainLink noEpisode = AuditChain.append(ChainState.START, entry(null, "x", 0), RECORDED_AT);
        ChainLink emptyEpisode = AuditChain.append(ChainState.START, entry("", "x", 0), RECORDED_AT);

        assertNotEquals(ab.hash(), a.hash());
        assertNotEquals(noEpisode.hash(), emptyEpisode.hash());
    }

    @Test
    void anUntouchedChainVerifies() {
        ChainVerification verification = AuditChain.verify(chain(5));

        assertTrue(verification.intact());
        assertEquals(5, verification.checked());
        assertEquals(null, verification.brokenAt());
        assertTrue(AuditChain.verify(List.of()).intact());
    }

    @Test
    void detectsAChangedRecordAtItsPosition() {
        List<ChainLink> links = chain(5);
        ChainLink original = links.get(2);
        links.set(2, new ChainLink(original.position(), original.sourceTopic(), original.sourcePartition(),
                original.sourceOffset(), original.sourceTimestamp(), original.recordedAt(), original.episodeId(),
                "mallory", original.action(), original.summary(), original.prevHash(), original.hash()));

        ChainVerification verification = AuditChain.verify(links);

        assertFalse(verification.intact());
        assertEquals(2L, verification.brokenAt());
        assertEquals("hash does not match the link's content", verification.reason());
    }

    @Test
    void aChangedRecordWithARecomputedHashBreaksTheNextLink() {
        List<ChainLink> links = chain(5);
        ChainLink original = links.get(2);
        ChainLink forged = new ChainLink(original.position(), original.sourceTopic(), original.sourcePartition(),
                original.sourceOffset(), original.sourceTimestamp(), original.recordedAt(), original.episodeId(),
                "mallory", original.action(), original.summary(), original.prevHash(), null);
        links.set(2, forged.withHash(AuditChain.hashOf(forged)));

        ChainVerification verification = AuditChain.verify(links);

        assertEquals(3L, verification.brokenAt());
        assertEquals("prev_hash does not match the hash of the link before", verification.reason());
    }

    @Test
    void detectsARemovedRecordWhereItWasMissing() {
        List<ChainLink> links = chain(5);
        links.remove(3);

        ChainVerification verification = AuditChain.verify(links);

        assertEquals(3L, verification.brokenAt());
        assertEquals("found position 4 where 3 belongs", verification.reason());
    }

    @Test
    void detectsSwappedRecordsAtTheFirstOfThem() {
        List<ChainLink> links = chain(5);
        Collections.swap(links, 1, 2);

        ChainVerification verification = AuditChain.verify(links);

        assertEquals(1L, verification.brokenAt());
        assertEquals(1, verification.checked());
    }

    @Test
    void detectsARenumberedChainThatSkipsTheGenesis() {
        List<ChainLink> links = chain(3);
        links.remove(0);

        assertEquals(0L, AuditChain.verify(links).brokenAt());
    }

    private static List<ChainLink> chain(int length) {
        List<ChainLink> links = new ArrayList<>();
        ChainState state = ChainState.START;
        for (int i = 0; i < length; i++) {
            ChainLink link = AuditChain.append(state, entry("ep-" + (i % 2), "actor-" + i, i), RECORDED_AT.plusMillis(i));
            links.add(link);
            state = state.after(link);
        }
        return links;
    }

    private static AuditEntry entry(String episodeId, String actor, long offset) {
        return new AuditEntry(episodeId, actor, "REQUESTED", "asked for it", "noesis.episode.events", 3, offset,
                SOURCE_TIME);
    }
}
