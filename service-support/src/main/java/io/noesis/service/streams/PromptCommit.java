package io.noesis.service.streams;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Commits a record someone waits for sooner than {@code commit.interval.ms}, as long as such records are few:
 * a round on its way to a person, or the RESUME that follows an approver's decision.
 *
 * <p>Under exactly_once_v2 nothing a task writes is readable before its stream thread commits, which it does
 * every {@code commit.interval.ms} (100 ms) or when a processor asks. Most records can wait for the interval,
 * and batch the better for it. A round on its way to the approvers' queue should not: it crosses four
 * services, and each hop would add up to an interval. So a processor calls {@link #request} for such a
 * record, and the thread commits once the records at hand are processed, if no such request came in the last
 * {@link #QUIET}. While they come closer together than that (a burst of risky requests), the interval commits
 * them: every commit is a transaction (the offsets, a marker on every partition written), after which Kafka
 * Streams halves how many records a task processes before it looks at commits again, so a commit per record
 * would slow the whole service down.
 *
 * <p>A thread commits all its tasks in one transaction, so the requests are counted per stream thread. They
 * are also counted per kind of record, one instance each: one episode's request and, a moment later, its
 * round are two hops of one lone round, not a burst.
 */
public final class PromptCommit {

    /** How long a stream thread goes without a request before the next one is committed at once. */
    public static final Duration QUIET = Duration.ofMillis(20);

    /** When a processor on this stream thread last asked for a prompt commit of this kind of record. */
    private final ThreadLocal<LastRequest> lastRequestOnThread = ThreadLocal.withInitial(LastRequest::new);

    private static final class LastRequest {
        long wallClockMillis;
    }

    /** Asks for the records the processor has forwarded so far to be committed at once, if the thread is quiet. */
    public void request(ProcessorContext<?, ?> context) {
        LastRequest last = lastRequestOnThread.get();
        long now = context.currentSystemTimeMs();
        if (now - last.wallClockMillis >= QUIET.toMillis()) {
            context.commit();
        }
        last.wallClockMillis = now;
    }
}
