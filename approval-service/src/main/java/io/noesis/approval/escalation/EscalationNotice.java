package io.noesis.approval.escalation;

import io.noesis.approval.domain.PendingApproval;
import java.time.Instant;
import java.util.List;

/** The JSON body of an escalation webhook request. */
record EscalationNotice(
        String type,
        String episodeId,
        String task,
        String requestedBy,
        String approverGroup,
        int requiredApprovals,
        List<String> reasons,
        Instant awaitingSince,
        Instant deadline,
        Instant escalatedAt) {

    static final String TYPE = "approval.escalated";

    static EscalationNotice of(PendingApproval round, Instant at) {
        return new EscalationNotice(TYPE, round.episodeId(), round.task(), round.requestedBy(), round.approverGroup(),
                round.requiredApprovals(), round.reasons(), round.awaitingSince(), round.deadline(), at);
    }
}
