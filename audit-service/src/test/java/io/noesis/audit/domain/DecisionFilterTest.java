package io.noesis.audit.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionFilterTest {

    private static final Instant NOON = Instant.parse("2026-05-01T12:00:00Z");
    private static final AuditedDecision BOBS_REJECTION = new AuditedDecision("d-1", "ep-1", "bob", List.of("sre"),
            "REJECT", "SLACK", "too risky", NOON);
    private static final Period ALWAYS = new Period(null, null);

    @Test
    void eachCriterionNarrowsAndNullMatchesEverything() {
        assertTrue(new DecisionFilter(null, null, null, ALWAYS).matches(BOBS_REJECTION));
        assertTrue(new DecisionFilter("bob", "REJECT", "SLACK", ALWAYS).matches(BOBS_REJECTION));
        assertFalse(new DecisionFilter("alice", null, null, ALWAYS).matches(BOBS_REJECTION));
        assertFalse(new DecisionFilter(null, "APPROVE", null, ALWAYS).matches(BOBS_REJECTION));
        assertFalse(new DecisionFilter(null, null, "API", ALWAYS).matches(BOBS_REJECTION));
    }

    @Test
    void thePeriodIncludesItsStartAndExcludesItsEnd() {
        assertTrue(new DecisionFilter(null, null, null, new Period(NOON, null)).matches(BOBS_REJECTION));
        assertFalse(new DecisionFilter(null, null, null, new Period(null, NOON)).matches(BOBS_REJECTION));
        assertTrue(new DecisionFilter(null, null, null, new Period(null, NOON.plusMillis(1))).matches(BOBS_REJECTION));
        assertFalse(new DecisionFilter(null, null, null, new Period(NOON.plusMillis(1), null)).matches(BOBS_REJECTION));
    }
}
