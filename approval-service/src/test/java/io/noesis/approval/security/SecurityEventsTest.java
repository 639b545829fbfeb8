package io.noesis.approval.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.noesis.schemas.SecurityEvent;
import io.noesis.schemas.SecurityEventKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecurityEventsTest {

    private static final SecurityEvent FORGED = SecurityEvent.newBuilder().setEventId("event-1")
            .setKind(SecurityEventKind.SLACK_SIGNATURE_FORGED).setChannel("SLACK").setOccurredAt(Instant.now())
            .setDetail("forged").build();

    @Test
    void anEventIsKeyedByTheEpisodeItClaimsOrElseByItsOwnId() {
        assertEquals("event-1", SecurityEvents.keyOf(FORGED));
        assertEquals("ep-42", SecurityEvents.keyOf(SecurityEvent.newBuilder(FORGED).setClaimedEpisodeId("ep-42").build()));
    }

    @Test
    void anEventThatCannotBeWrittenIsReportedWithinTheBudgetNotThrown() {
        SecurityEvents unreachable = new SecurityEvents("127.0.0.1:1", "http://127.0.0.1:1/apis/registry/v3",
                Duration.ofSeconds(1));
        try {
            assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(20), () -> unreachable.record(FORGED)));
        } finally {
            unreachable.close();
        }
    }
}
