package io.noesis.policy.domain;

/** The advice of one named, versioned policy, as it applies to one target. */
public record Intervention(String policy, String policyVersion, Target target, Advice advice) {

    public boolean requiresApproval() {
        return advice.patch().requiresApproval();
    }
}
