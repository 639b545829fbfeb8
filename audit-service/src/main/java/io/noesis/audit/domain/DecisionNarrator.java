package io.noesis.audit.domain;

import io.noesis.schemas.ApprovalDecision;

/** A human approved or rejected. */
public final class DecisionNarrator implements Narrator<ApprovalDecision> {

    @Override
    public Narration narrate(ApprovalDecision decision) {
        return new Narration(Wording.orUnknown(decision.getApprover()), decision.getOutcome().name(),
                "decision " + decision.getDecisionId() + " via " + decision.getChannel()
                        + ", as member of " + Wording.listOf(decision.getApproverGroups(), "no group")
                        + Wording.reason(decision.getReason()));
    }
}
