package io.noesis.approval.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * Slack's request signature (v0): HMAC-SHA256 of "v0:timestamp:raw body" with the signing secret, sent as
 * "v0=hex" in X-Slack-Signature. A timestamp more than five minutes away is refused, so a captured request
 * cannot be replayed later.
 */
public final class SlackSignature {

    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final String VERSION = "v0";

    private final byte[] secret;

    public SlackSignature(String signingSecret) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** What a request's signature proves; only VALID lets it in, the others say for the audit trail why not. */
    public enum Check {
        VALID,
        /** No signature or no timestamp. */
        MISSING,
        /** Signed with the secret, but too long ago (or ahead): a captured request replayed. */
        STALE,
        /** Not signed with the secret. */
        FORGED
    }

    public boolean verifies(String timestamp, String rawBody, String signature, Instant now) {
        return check(timestamp, rawBody, signature, now) == Check.VALID;
    }

    public Check check(String timestamp, String rawBody, String signature, Instant now) {
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            return Check.MISSING;
        }
        byte[] expected = sign(timestamp, rawBody).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
            return Check.FORGED;
        }
        return fresh(timestamp, now) ? Check.VALID : Check.STALE;
    }

    /** The X-Slack-Signature value for a request made at timestamp (epoch seconds) with the body. */
    public String sign(String timestamp, String rawBody) {
        return VERSION + "=" + Hmac.sha256Hex(secret, VERSION + ":" + timestamp + ":" + rawBody);
    }

    private static boolean fresh(String timestamp, Instant now) {
        try {
            Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
            return Duration.between(sent, now).abs().compareTo(MAX_AGE) <= 0;
        } catch (NumberFormatException | DateTimeException notATime) {
            return false;
        }
    }
}
