package io.noesis.approval;

import io.noesis.approval.domain.Retention;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The approval service's own settings, under noesis.approval.*; each can be set as -D or an environment variable. */
@ConfigMapping(prefix = "noesis.approval")
public interface ApprovalConfig {

    /** How long POST approve/reject waits for the decision's outcome before answering 202. */
    @WithDefault("5s")
    Duration outcomeWait();

    /** How often overdue approval rounds are looked for and expired. */
    @WithDefault("1s")
    Duration expiryCheckInterval();

    /** How long writing a decision to Kafka may take before the request fails with 503. */
    @WithDefault("10s")
    Duration producerTimeout();

    /** How long settled rounds stay in the decided history (and the advice of finished episodes is kept). */
    @WithDefault("P30D")
    Duration historyRetention();

    /** How often history and advice older than the retention, and the tallies of closed rounds, are deleted. */
    @WithDefault("10m")
    Duration retentionCheckInterval();

    /**
     * The token claim that lists the caller's approver groups (e.g. "sre"). Not "groups" where roles come from
     * elsewhere (smallrye.jwt.path.groups): SmallRye JWT then replaces the "groups" claim with those roles.
     */
    @WithDefault("noesis_groups")
    String approverGroupsClaim();

    /** How often the pending-approvals gauge counts the rounds awaiting a decision. */
    @WithDefault("5s")
    Duration pendingGaugeRefresh();

    default Retention retention() {
        return new Retention(historyRetention(), retentionCheckInterval());
    }
}
