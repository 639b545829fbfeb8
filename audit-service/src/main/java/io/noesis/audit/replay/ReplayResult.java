package io.noesis.audit.replay;

/** What a finished replay found. */
public sealed interface ReplayResult permits ChainCheck.Result, TrailComparison.Result {

    /** Whether the audit log passed: an intact chain, or a rebuilt trail equal to the log. */
    boolean passed();
}
