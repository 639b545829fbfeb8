package io.noesis.audit.domain;

import java.time.Instant;
import java.util.List;

/** One human decision as the audit keeps it for questions across episodes: who decided what, how and why. */
public record AuditedDecision(String decisionId, String episodeId, String approver, List<String> approverGroups,
        String outcome, String channel, String reason, Instant decidedAt) {
}
