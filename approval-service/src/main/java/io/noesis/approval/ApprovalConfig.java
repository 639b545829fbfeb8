package io.noesis.approval;

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
}
