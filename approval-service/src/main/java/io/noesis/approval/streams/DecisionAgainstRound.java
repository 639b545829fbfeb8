package io.noesis.approval.streams;

import io.noesis.approval.domain.Decision;
import io.noesis.approval.domain.PendingApproval;
import io.noesis.schemas.ApprovalDecision;
import java.time.Instant;

/**
 * A decision joined with the round it is about; round is null when the episode is not awaiting approval.
 *
 * @param channel   where the approver decided (API, WEB, SLACK), for the metrics
 * @param decidedAt when the approver decided, for the decision-to-command latency
 */
record DecisionAgainstRound(Decision decision, PendingApproval round, String channel, Instant decidedAt) {

    static DecisionAgainstRound of(ApprovalDecision decision, PendingApproval round) {
        return new DecisionAgainstRound(AvroMapping.decision(decision), round, decision.getChannel().name(),
                decision.getDecidedAt());
    }
}
