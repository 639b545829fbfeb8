package io.noesis.audit.domain;

/** The result of checking a chain: intact with the number of links checked, or the first broken position and why. */
public record ChainVerification(boolean intact, long checked, Long brokenAt, String reason) {

    static ChainVerification intact(long checked) {
        return new ChainVerification(true, checked, null, null);
    }

    static ChainVerification broken(long position, String reason) {
        return new ChainVerification(false, position, position, reason);
    }
}
