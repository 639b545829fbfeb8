package io.noesis.approval.slack;

import io.noesis.approval.domain.SlackSignature;
import io.noesis.schemas.SecurityEvent;
import io.noesis.schemas.SecurityEventKind;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A Slack callback refused because nothing shows that Slack sent it, told as a security event for the audit
 * trail. The event says why and what the request claimed; it never carries the signature, the secret or the
 * body, and the caller's answer stays the same whatever the reason, so it learns nothing from it.
 */
final class SlackRefusal {

    static final String CHANNEL = "SLACK";
    static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    static final String SIGNATURE_HEADER = "X-Slack-Signature";

    /** The refusal a signature check amounts to; empty when the signature lets the request in. */
    static Optional<SecurityEventKind> of(SlackSignature.Check check) {
        return switch (check) {
            case VALID -> Optional.empty();
            case MISSING -> Optional.of(SecurityEventKind.SLACK_SIGNATURE_MISSING);
            case STALE -> Optional.of(SecurityEventKind.SLACK_SIGNATURE_STALE);
            case FORGED -> Optional.of(SecurityEventKind.SLACK_SIGNATURE_FORGED);
        };
    }

    /**
     * @param timestamp the request's timestamp header, only read when the signature proved it genuine (STALE)
     * @param signature the request's signature header, only looked at for whether there is one
     */
    static SecurityEvent event(SecurityEventKind kind, String timestamp, String signature, SlackClaims claims,
            String remoteAddress, Instant now) {
        return SecurityEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setKind(kind)
                .setChannel(CHANNEL)
                .setClaimedEpisodeId(claims.episodeId())
                .setClaimedUserId(claims.userId())
                .setClaimedTeamId(claims.teamId())
                .setRemoteAddress(SlackClaims.bounded(remoteAddress))
                .setOccurredAt(now)
                .setDetail(detail(kind, timestamp, signature, now))
                .build();
    }

    private static String detail(SecurityEventKind kind, String timestamp, String signature, Instant now) {
        return switch (kind) {
            case SLACK_SIGNATURE_MISSING -> "the request lacks " + String.join(" and ", missingHeaders(timestamp, signature));
            case SLACK_SIGNATURE_STALE -> "signed with the signing secret, but " + age(timestamp, now)
                    + ": a captured request sent again";
            case SLACK_SIGNATURE_FORGED -> "the signature does not match the timestamp and body under the signing secret";
            case SLACK_NOT_CONFIGURED -> "Slack is off or has no signing secret here, so no callback can be verified";
        };
    }

    private static List<String> missingHeaders(String timestamp, String signature) {
        List<String> missing = new ArrayList<>();
        if (signature == null || signature.isBlank()) {
            missing.add(SIGNATURE_HEADER);
        }
        if (timestamp == null || timestamp.isBlank()) {
            missing.add(TIMESTAMP_HEADER);
        }
        return missing;
    }

    private static String age(String timestamp, Instant now) {
        try {
            Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
            return "sent at " + sent + ", " + Duration.between(sent, now).abs().toSeconds() + " s from this service's clock"
                    + " (at most " + SlackSignature.MAX_AGE.toSeconds() + " s)";
        } catch (NumberFormatException | DateTimeException notSeconds) {
            return "its timestamp is not a time in epoch seconds";
        }
    }

    private SlackRefusal() {
    }
}
