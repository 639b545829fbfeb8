package io.noesis.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The commits' times come from the stream threads' metrics as a Quarkus service publishes them. */
class CommitTimesTest {

    /** Two stream threads, and a producer of the service's API that takes no part in the transactions. */
    private static String metrics(double commits, double flush, double offsets, double commit) {
        return """
                # TYPE kafka_stream_thread_commit_total counter
                kafka_stream_thread_commit_total{kafka_version="4.1.2",thread_id="noesis-approval-service-1a-StreamThread-1"} %s
                kafka_stream_thread_commit_total{kafka_version="4.1.2",thread_id="noesis-approval-service-1a-StreamThread-2"} %s
                kafka_producer_flush_time_ns_total{client_id="noesis-approval-service-1a-StreamThread-1-producer",kafka_version="4.1.2"} %s
                kafka_producer_flush_time_ns_total{client_id="noesis-approval-service-1a-StreamThread-2-producer",kafka_version="4.1.2"} %s
                kafka_producer_flush_time_ns_total{client_id="producer-1",kafka_version="4.1.2"} 9.9E9
                kafka_producer_txn_send_offsets_time_ns_total{client_id="noesis-approval-service-1a-StreamThread-1-producer",kafka_version="4.1.2"} %s
                kafka_producer_txn_send_offsets_time_ns_total{client_id="noesis-approval-service-1a-StreamThread-2-producer",kafka_version="4.1.2"} 0.0
                kafka_producer_txn_commit_time_ns_total{client_id="noesis-approval-service-1a-StreamThread-1-producer",kafka_version="4.1.2"} %s
                kafka_producer_txn_commit_time_ns_total{client_id="noesis-approval-service-1a-StreamThread-2-producer",kafka_version="4.1.2"} 0.0
                kafka_producer_record_send_total{client_id="noesis-approval-service-1a-StreamThread-1-producer",kafka_version="4.1.2"} 123.0
                """.formatted(commits / 2, commits / 2, flush / 2, flush / 2, offsets, commit);
    }

    @Test
    void sumsTheStreamThreadsAndLeavesOtherProducersOut() {
        CommitTimes.Snapshot snapshot = CommitTimes.Snapshot.parse(0, metrics(10, 2e6, 5e6, 3e6));

        assertEquals(new CommitTimes.Snapshot(0, 10, 2e6, 5e6, 3e6), snapshot);
    }

    @Test
    void givesEachPartPerCommitOverTheStretch() {
        CommitTimes.Snapshot before = CommitTimes.Snapshot.parse(0, metrics(10, 2e6, 5e6, 3e6));
        CommitTimes.Snapshot after = CommitTimes.Snapshot.parse(2_000_000_000L, metrics(110, 102e6, 805e6, 303e6));

        CommitTimes stretch = CommitTimes.between(before, after);

        assertEquals("100 commits, 50 a second; per commit: flush 1.0 ms, offsets 8.0 ms, commit 3.0 ms", stretch.describe());
    }

    @Test
    void poolsTheRunsAsOneStretch() {
        CommitTimes first = new CommitTimes(100, 2, 100e6, 800e6, 300e6);
        CommitTimes second = new CommitTimes(300, 2, 300e6, 800e6, 300e6);

        assertEquals("400 commits, 100 a second; per commit: flush 1.0 ms, offsets 4.0 ms, commit 1.5 ms",
                CommitTimes.NONE.plus(first).plus(second).describe());
        assertEquals("no commits", CommitTimes.NONE.describe());
    }
}
