package io.noesis.policy.domain;

/**
 * What one policy says about an episode: the advice in words, the patch it applies to the episode, why,
 * how risky it judges the episode, and who must approve it.
 */
public record Advice(String advice, Patch patch, String rationale, double riskScore, ApprovalTerms terms) {

    public static final String HOLD_FOR_APPROVAL = "Hold the episode until a human approves it.";
}
