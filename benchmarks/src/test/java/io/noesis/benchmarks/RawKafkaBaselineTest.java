package io.noesis.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** ConsumerPerformance's output as Kafka 4.1's tool prints it. */
class RawKafkaBaselineTest {

    private static final String HEADER = "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,"
            + " rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec\n";

    @Test
    void takesTheRateOverTheFetchingTimeLeavingTheGroupJoinOut() {
        String out = HEADER + "2026-11-27 14:10:01:120, 2026-11-27 14:10:04:620, 57.2205, 16.3487, 300000, 85714.2857,"
                + " 500, 3000, 19.0735, 100000.0000\n";
        assertEquals(100_000.0, RawKafkaBaseline.consumerRate(out, 300_000));
    }

    @Test
    void refusesARunThatTimedOutBeforeReadingEverything() {
        String out = HEADER + "WARNING: Exiting before consuming the expected number of messages: timeout (60000 ms) exceeded."
                + " You can use the --timeout option to increase the timeout.\n"
                + "2026-11-27 14:10:01:120, 2026-11-27 14:11:04:620, 19.0735, 0.3004, 100000, 1574.8031, 500, 63000, 0.3028, 1587.3016\n";
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> RawKafkaBaseline.consumerRate(out, 300_000));
        assertTrue(refused.getMessage().contains("did not read 300000"), refused.getMessage());
    }

    @Test
    void aPipeMovesEachRecordOnceWrittenAndOnceReadAtTheWritesPace() {
        assertEquals(300_000.0, new RawKafkaBaseline.WrittenWhileReading(150_000, 185_000).moved());
        assertEquals(270_000.0, new RawKafkaBaseline.WrittenWhileReading(150_000, 120_000).moved());
    }
}
