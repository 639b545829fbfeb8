package io.noesis.audit.domain;

/** Where the chain stands: the position the next link takes and the hash it must point back to. */
public record ChainState(long nextPosition, String lastHash) {

    public static final ChainState START = new ChainState(0, AuditChain.GENESIS_HASH);

    public ChainState after(ChainLink link) {
        return new ChainState(link.position() + 1, link.hash());
    }
}
