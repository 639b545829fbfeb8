package io.noesis.audit.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The tamper-evident chain. A link's hash is the SHA-256 (lower-case hex) of its canonical encoding:
 * every AuditRecord field except hash, in schema order (position, source_topic, source_partition,
 * source_offset, source_timestamp, recorded_at, episode_id, actor, action, summary, prev_hash), each as
 * a 4-byte big-endian length followed by its UTF-8 text; numbers in decimal, timestamps as epoch
 * milliseconds, and null as length -1 with no bytes. Lengths keep "ab"+"c" and "a"+"bc" apart; anyone
 * can re-implement the encoding from this description to verify an exported trail.
 */
public final class AuditChain {

    public static final String GENESIS_HASH = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();
    /** One per thread and reused, rather than a provider lookup for every link; digest() resets it. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(AuditChain::newSha256);

    /** Links an entry to the chain; timestamps keep millisecond precision, as the audit log stores them. */
    public static ChainLink append(ChainState state, AuditEntry entry, Instant recordedAt) {
        ChainLink unhashed = new ChainLink(state.nextPosition(), entry.sourceTopic(), entry.sourcePartition(),
                entry.sourceOffset(), millis(entry.sourceTimestamp()), millis(recordedAt), entry.episodeId(),
                entry.actor(), entry.action(), entry.summary(), state.lastHash(), null);
        return unhashed.withHash(hashOf(unhashed));
    }

    public static String hashOf(ChainLink link) {
        MessageDigest digest = SHA_256.get();
        for (Object field : new Object[] {link.position(), link.sourceTopic(), link.sourcePartition(),
                link.sourceOffset(), epochMillis(link.sourceTimestamp()), epochMillis(link.recordedAt()),
                link.episodeId(), link.actor(), link.action(), link.summary(), link.prevHash()}) {
            writeField(digest, field);
        }
        return HEX.formatHex(digest.digest());
    }

    /** Checks links read from the start of the audit log, in order. */
    public static ChainVerification verify(List<ChainLink> links) {
        ChainVerifier verifier = ChainVerifier.fromGenesis();
        for (int position = 0; position < links.size(); position++) {
            Optional<String> broken = verifier.check(links.get(position));
            if (broken.isPresent()) {
                return ChainVerification.broken(position, broken.get());
            }
        }
        return ChainVerification.intact(links.size());
    }

    /** Fed straight to the digest: a replay hashes every link of the trail, and this is its hottest code. */
    private static void writeField(MessageDigest digest, Object field) {
        if (field == null) {
            writeLength(digest, -1);
            return;
        }
        byte[] text = field.toString().getBytes(StandardCharsets.UTF_8);
        writeLength(digest, text.length);
        digest.update(text);
    }

    private static void writeLength(MessageDigest digest, int length) {
        digest.update((byte) (length >>> 24));
        digest.update((byte) (length >>> 16));
        digest.update((byte) (length >>> 8));
        digest.update((byte) length);
    }

    private static Long epochMillis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant millis(Instant instant) {
        return instant == null ? null : Instant.ofEpochMilli(instant.toEpochMilli());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
    }

    private AuditChain() {
    }
}
