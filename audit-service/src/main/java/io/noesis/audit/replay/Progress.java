package io.noesis.audit.replay;

import java.util.concurrent.atomic.AtomicLong;

/** How far a running replay has read, for callers who poll it from other threads. */
public final class Progress {

    private final AtomicLong read = new AtomicLong();
    private final AtomicLong span = new AtomicLong();

    /** More offsets to read: a scan's span is known only once it has opened. */
    void expect(long offsets) {
        span.addAndGet(offsets);
    }

    void advance() {
        read.incrementAndGet();
    }

    public long read() {
        return read.get();
    }

    /** Offsets in the ranges opened so far: an upper bound of the records, as transaction markers take offsets too. */
    public long span() {
        return span.get();
    }
}
