package io.noesis.approval.escalation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The escalation webhook's settings, under noesis.escalation.*; off unless enabled. */
@ConfigMapping(prefix = "noesis.escalation")
public interface EscalationSettings {

    /** Whether rounds nobody decides in time are escalated. */
    @WithDefault("false")
    boolean enabled();

    /** The webhook that receives the escalations (JSON POST). Required when enabled. */
    Optional<String> url();

    /** The secret the webhook requests are signed with (HMAC-SHA256). Required when enabled. */
    Optional<String> secret();

    /** The part (0 to 1) of a round's time from its start to its deadline after which it is escalated. */
    @WithDefault("0.5")
    double afterPartOfDeadline();

    /** How many times a webhook request is tried before the escalation is given up. */
    @WithDefault("5")
    int maxAttempts();

    /** The wait before the first retry; it doubles with each further one. */
    @WithDefault("1s")
    Duration firstRetryAfter();
}
