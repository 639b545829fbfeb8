package io.noesis.audit.domain;

import io.noesis.schemas.SecurityEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A service refused a request it could not trace to its sender. Nobody verified who sent it, so the actor is
 * unknown, and whatever the request claimed is told as a claim.
 */
public final class SecurityEventNarrator implements Narrator<SecurityEvent> {

    public static final String ACTOR = "unverified caller";

    @Override
    public Narration narrate(SecurityEvent event) {
        String from = event.getRemoteAddress() == null ? "" : " from " + Wording.quoted(event.getRemoteAddress());
        return new Narration(ACTOR, event.getKind().name(),
                "refused a " + event.getChannel() + " request" + from + ": " + Wording.quoted(event.getDetail())
                        + claims(event) + " (security event " + event.getEventId() + ")");
    }

    private static String claims(SecurityEvent event) {
        List<String> claimed = new ArrayList<>();
        if (event.getClaimedUserId() != null) {
            claimed.add("user " + Wording.quoted(event.getClaimedUserId()));
        }
        if (event.getClaimedTeamId() != null) {
            claimed.add("team " + Wording.quoted(event.getClaimedTeamId()));
        }
        if (event.getClaimedEpisodeId() != null) {
            claimed.add("episode " + Wording.quoted(event.getClaimedEpisodeId()));
        }
        return claimed.isEmpty() ? "; it claimed nothing" : "; unverified, it claimed " + String.join(", ", claimed);
    }
}
