package io.noesis.approval.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noesis.approval.domain.SlackSignature;
import io.noesis.schemas.SecurityEvent;
import io.noesis.schemas.SecurityEventKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a refused callback's security event holds: the claims, cut short and never trusted, and why it was refused. */
class SlackRefusalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void theClaimsOfASlackPayloadAreRead() {
        SlackClaims claims = SlackClaims.read(form("{\"user\": {\"id\": \"U0SAM\"}, \"team\": {\"id\": \"T0FAKE\"},"
                + " \"actions\": [{\"value\": \"ep-42\"}]}"), JSON);

        assertEquals(new SlackClaims("ep-42", "U0SAM", "T0FAKE"), claims);
    }

    @Test
    void anEpisodeIdOfAnotherShapeIsDroppedAndLongClaimsAreCut() {
        SlackClaims claims = SlackClaims.read(form("{\"user\": {\"id\": \"" + "U".repeat(5_000) + "\"}, \"team\": {\"id\": 7},"
                + " \"actions\": [{\"value\": \"../../ep 42\"}]}"), JSON);

        assertNull(claims.episodeId());
        assertEquals(SlackClaims.MAX_LENGTH + 1, claims.userId().length());
        assertTrue(claims.userId().endsWith("…"));
        assertNull(claims.teamId(), "a number is not an id");
        assertEquals(64, SlackClaims.read(form("{\"actions\": [{\"value\": \"" + "e".repeat(64) + "\"}]}"), JSON)
                .episodeId().length());
        assertNull(SlackClaims.read(form("{\"actions\": [{\"value\": \"" + "e".repeat(65) + "\"}]}"), JSON).episodeId());
    }

    @Test
    void aBodyThatIsNoSlackPayloadClaimsNothing() {
        for (String body : new String[] {"", "payload=%zz", "payload=not-json", "other=1", "payload=" + "[".repeat(5_000),
                "payload=null"}) {
            assertEquals(SlackClaims.NONE, SlackClaims.read(body, JSON), body);
        }
    }

    @Test
    void eachFailedCheckIsARefusalOfItsKind() {
        assertEquals(Optional.empty(), SlackRefusal.of(SlackSignature.Check.VALID));
        assertEquals(Optional.of(SecurityEventKind.SLACK_SIGNATURE_MISSING), SlackRefusal.of(SlackSignature.Check.MISSING));
        assertEquals(Optional.of(SecurityEventKind.SLACK_SIGNATURE_STALE), SlackRefusal.of(SlackSignature.Check.STALE));
        assertEquals(Optional.of(SecurityEventKind.SLACK_SIGNATURE_FORGED), SlackRefusal.of(SlackSignature.Check.FORGED));
    }

    @Test
    void theEventSaysWhyWithoutTheSignature() {
        String sixMinutesAgo = Long.toString(NOW.minusSeconds(360).getEpochSecond());
        SlackClaims claims = new SlackClaims("ep-42", "U0SAM", "T0FAKE");

        SecurityEvent stale = SlackRefusal.event(SecurityEventKind.SLACK_SIGNATURE_STALE, sixMinutesAgo, "v0=abc", claims,
                "10.1.2.3", NOW);
        SecurityEvent unsigned = SlackRefusal.event(SecurityEventKind.SLACK_SIGNATURE_MISSING, null, null, SlackClaims.NONE,
                null, NOW);

        assertEquals("ep-42", stale.getClaimedEpisodeId());
        assertEquals("10.1.2.3", stale.getRemoteAddress());
        assertEquals(NOW, stale.getOccurredAt());
        assertEquals("SLACK", stale.getChannel());
        assertEquals("signed with the signing secret, but sent at 2026-11-25T11:54:00Z, 360 s from this service's clock"
                + " (at most 300 s): a captured request sent again", stale.getDetail());
        assertTrue(!stale.toString().contains("v0=abc"), stale.toString());
        assertEquals("the request lacks X-Slack-Signature and X-Slack-Request-Timestamp", unsigned.getDetail());
        assertNull(unsigned.getClaimedEpisodeId());
    }

    private static String form(String payload) {
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }
}
