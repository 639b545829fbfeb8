package io.noesis.approval.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlackSignatureTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String SENT = Long.toString(NOW.getEpochSecond());
    private static final String BODY = "payload=%7B%22type%22%3A%22block_actions%22%7D";
    private final SlackSignature slack = new SlackSignature("signing-secret");

    @Test
    void aSignatureOverTheTimestampAndRawBodyVerifies() {
        String signature = slack.sign(SENT, BODY);

        assertTrue(signature.matches("v0=[0-9a-f]{64}"));
        assertTrue(slack.verifies(SENT, BODY, signature, NOW.plus(SlackSignature.MAX_AGE)));
    }

    @Test
    void anotherSecretAChangedBodyOrAnotherTimestampFail() {
        String signature = slack.sign(SENT, BODY);

        assertFalse(new SlackSignature("other-secret").verifies(SENT, BODY, signature, NOW));
        assertFalse(slack.verifies(SENT, BODY + "&x=1", signature, NOW));
        assertFalse(slack.verifies(Long.toString(NOW.getEpochSecond() + 1), BODY, signature, NOW));
        assertFalse(slack.verifies(SENT, BODY, null, NOW));
        assertFalse(slack.verifies(null, BODY, signature, NOW));
    }

    @Test
    void aTimestampMoreThanFiveMinutesAwayOrNotANumberFails() {
        String late = Long.toString(NOW.minus(Duration.ofMinutes(5)).minusSeconds(1).getEpochSecond());
        String early = Long.toString(NOW.plus(Duration.ofMinutes(5)).plusSeconds(1).getEpochSecond());

        assertFalse(slack.verifies(late, BODY, slack.sign(late, BODY), NOW));
        assertFalse(slack.verifies(early, BODY, slack.sign(early, BODY), NOW));
        assertFalse(slack.verifies("yesterday", BODY, slack.sign("yesterday", BODY), NOW));
    }

    @Test
    void aCheckTellsMissingForgedAndStaleApart() {
        String late = Long.toString(NOW.minus(Duration.ofMinutes(6)).getEpochSecond());

        assertEquals(SlackSignature.Check.VALID, slack.check(SENT, BODY, slack.sign(SENT, BODY), NOW));
        assertEquals(SlackSignature.Check.MISSING, slack.check(SENT, BODY, null, NOW));
        assertEquals(SlackSignature.Check.MISSING, slack.check("", BODY, slack.sign("", BODY), NOW));
        assertEquals(SlackSignature.Check.FORGED, slack.check(SENT, BODY, new SlackSignature("other").sign(SENT, BODY), NOW));
        assertEquals(SlackSignature.Check.FORGED, slack.check(late, BODY, new SlackSignature("other").sign(late, BODY), NOW));
        assertEquals(SlackSignature.Check.STALE, slack.check(late, BODY, slack.sign(late, BODY), NOW));
        assertEquals(SlackSignature.Check.STALE, slack.check("99999999999999999", BODY, slack.sign("99999999999999999", BODY), NOW));
    }
}
