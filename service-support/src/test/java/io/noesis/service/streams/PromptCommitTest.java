package io.noesis.service.streams;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PromptCommitTest {

    private static final long QUIET = PromptCommit.QUIET.toMillis();

    /** Requests are counted per thread and the tests share one, so each starts an hour after the one before. */
    private static long hour = 1_000;

    private static final PromptCommit ROUNDS = new PromptCommit();

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private long start;

    @BeforeEach
    void startAnHourLater() {
        start = ++hour * 3_600_000;
    }

    @Test
    void aRequestOnAQuietThreadCommitsAtOnce() {
        requestAt(context, start);

        assertTrue(context.committed());
    }

    @Test
    void requestsCloserThanTheQuietSpellAreLeftToTheCommitInterval() {
        requestAt(context, start);

        for (long at = start + QUIET / 2; at < start + 10 * QUIET; at += QUIET / 2) {
            context.resetCommit();
            requestAt(context, at);
            assertFalse(context.committed(), "a burst is committed by the interval, " + (at - start) + " ms in");
        }
    }

    @Test
    void theFirstRequestAfterAQuietSpellCommitsAgain() {
        requestAt(context, start);
        context.resetCommit();

        requestAt(context, start + QUIET);

        assertTrue(context.committed());
    }

    @Test
    void theThreadsProcessorsShareTheQuietSpell() {
        MockProcessorContext<Object, Object> otherTask = new MockProcessorContext<>();
        requestAt(context, start);

        requestAt(otherTask, start + 1);

        assertFalse(otherTask.committed(), "the thread commits every task it runs in one transaction");
    }

    @Test
    void eachKindOfRecordHasAQuietSpellOfItsOwn() {
        PromptCommit newEpisodes = new PromptCommit();
        requestAt(context, start);
        context.resetCommit();

        context.setCurrentSystemTimeMs(start + 1);
        newEpisodes.request(context);

        assertTrue(context.committed(), "a request and its round a moment later are not a burst");
    }

    private static void requestAt(MockProcessorContext<Object, Object> context, long wallClockMillis) {
        context.setCurrentSystemTimeMs(wallClockMillis);
        ROUNDS.request(context);
    }
}
