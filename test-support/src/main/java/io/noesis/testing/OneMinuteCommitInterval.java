package io.noesis.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.time.Duration;
import java.util.Map;

/**
 * A service whose Kafka Streams commit only every minute, unless a processor asks: what it writes and is
 * readable (read_committed) within {@link #WELL_WITHIN} of its start was committed because a processor asked.
 */
public class OneMinuteCommitInterval implements QuarkusTestProfile {

    public static final Duration WELL_WITHIN = Duration.ofSeconds(20);

    @Override
    public Map<String, String> getConfigOverrides() {
        // Kafka Streams refuses a commit interval longer than the transaction timeout.
        return Map.of("kafka-streams.commit.interval.ms", "60000",
                "kafka-streams.producer.transaction.timeout.ms", "120000");
    }
}
