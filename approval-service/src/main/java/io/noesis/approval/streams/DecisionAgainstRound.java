package io.noesis.approval.streams;

import io.noesis.approval.domain.Decision;
import io.noesis.approval.domain.PendingApproval;

/** A decision joined with the round it is about; round is null when the episode is not awaiting approval. */
record DecisionAgainstRound(Decision decision, PendingApproval round) {
}
