package io.noesis.approval.domain;

import java.util.Set;

/**
 * One approver's approve or reject.
 *
 * @param decisionId     the idempotency key: the same id judged twice gives the same outcome
 * @param approver       the verified identity of the approver
 * @param approverGroups the approver groups the approver's identity belongs to
 */
public record Decision(
        String decisionId,
        String episodeId,
        Vote vote,
        String approver,
        Set<String> approverGroups,
        String reason) {

    public Decision {
        approverGroups = Set.copyOf(approverGroups);
    }
}
