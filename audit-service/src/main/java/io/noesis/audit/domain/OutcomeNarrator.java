package io.noesis.audit.domain;

import io.noesis.schemas.DecisionOutcome;

/** What the approval service made of a decision. */
public final class OutcomeNarrator implements Narrator<DecisionOutcome> {

    public static final String ACTOR = "approval-service";

    @Override
    public Narration narrate(DecisionOutcome outcome) {
        String refusal = outcome.getRefusal() == null ? "" : " because " + outcome.getRefusal();
        return new Narration(ACTOR, outcome.getVerdict().name(),
                "decision " + outcome.getDecisionId() + " by " + outcome.getApprover() + " "
                        + (outcome.getAccepted() ? "accepted" : "refused") + refusal
                        + ", " + outcome.getApprovals() + " of " + outcome.getRequiredApprovals() + " approval(s): "
                        + outcome.getMessage());
    }
}
