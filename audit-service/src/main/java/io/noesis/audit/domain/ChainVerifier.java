package io.noesis.audit.domain;

import java.util.Optional;

/**
 * Checks links one at a time, in log order, so that a chain of any length is verified in constant
 * memory. A check that starts in the middle of the log takes its first link's position and prev_hash on
 * trust: what came before is outside the range asked about.
 */
public final class ChainVerifier {

    private Long expectedPosition;
    private String expectedPrevious;
    private long checked;

    private ChainVerifier(Long expectedPosition, String expectedPrevious) {
        this.expectedPosition = expectedPosition;
        this.expectedPrevious = expectedPrevious;
    }

    public static ChainVerifier fromGenesis() {
        return new ChainVerifier(0L, AuditChain.GENESIS_HASH);
    }

    public static ChainVerifier fromFirstLink() {
        return new ChainVerifier(null, null);
    }

    /** Why this link breaks the chain, or empty when it continues it. */
    public Optional<String> check(ChainLink link) {
        if (expectedPosition != null && link.position() != expectedPosition) {
            return Optional.of("found position " + link.position() + " where " + expectedPosition + " belongs");
        }
        if (expectedPrevious != null && !expectedPrevious.equals(link.prevHash())) {
            return Optional.of("prev_hash does not match the hash of the link before");
        }
        if (!AuditChain.hashOf(link).equals(link.hash())) {
            return Optional.of("hash does not match the link's content");
        }
        expectedPosition = link.position() + 1;
        expectedPrevious = link.hash();
        checked++;
        return Optional.empty();
    }

    /** How many links continued the chain so far. */
    public long checked() {
        return checked;
    }
}
