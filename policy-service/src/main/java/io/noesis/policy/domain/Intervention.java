package io.noesis.policy.domain;

/** The advice of one named, versioned policy, as it applies to one target. */
public record Intervention(String policy, String policyVersion, Target target, Advice advice) {

    static final double FAIL_CLOSED_RISK = 1.0;

    /** Holds the episode because something could not be checked: an open failure would let it run unchecked. */
    public static Intervention failClosed(String policy, String policyVersion, Target target, String reason,
            String rationale) {
        return new Intervention(policy, policyVersion, target, new Advice(Advice.HOLD_FOR_APPROVAL,
                new Patch(true, reason), rationale, FAIL_CLOSED_RISK, ApprovalTerms.ANY_SINGLE_APPROVER));
    }

    public boolean requiresApproval() {
        return advice.patch().requiresApproval();
    }

    /** The same finding, recorded, no longer holding the episode. */
    Intervention waivedBy(String allowRule) {
        String reason = "waived by " + allowRule + ": " + advice.patch().riskReason();
        return new Intervention(policy, policyVersion, target, new Advice(advice.advice(), new Patch(false, reason),
                advice.rationale(), advice.riskScore(), advice.terms()));
    }
}
