package io.noesis.policy.domain;

/** The change a policy makes to an episode's flags; riskReason is null when there is nothing to flag. */
public record Patch(boolean requiresApproval, String riskReason) {
}
