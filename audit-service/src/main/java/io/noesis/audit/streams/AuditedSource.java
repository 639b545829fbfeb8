package io.noesis.audit.streams;

import io.noesis.audit.domain.AuditEntry;
import io.noesis.audit.domain.CommandNarrator;
import io.noesis.audit.domain.DecisionNarrator;
import io.noesis.audit.domain.EpisodeEventNarrator;
import io.noesis.audit.domain.EvaluationNarrator;
import io.noesis.audit.domain.Narrator;
import io.noesis.audit.domain.OutcomeNarrator;
import io.noesis.audit.domain.ReportNarrator;
import io.noesis.audit.domain.RequestNarrator;
import io.noesis.audit.domain.SecurityEventNarrator;
import io.noesis.schemas.AgentReport;
import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.DecisionOutcome;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeRequest;
import io.noesis.schemas.PolicyEvaluation;
import io.noesis.schemas.SecurityEvent;
import io.noesis.schemas.Topic;
import io.noesis.schemas.Topics;
import java.time.Instant;
import java.util.List;

/**
 * A topic the trail is built from and how its records are told. The live topology and a replay both tell
 * records through here, so a rebuilt trail can only differ from the live one where the log does.
 */
public record AuditedSource<V>(Topic<V> topic, Narrator<V> narrator) {

    public static final AuditedSource<EpisodeRequest> REQUESTS = new AuditedSource<>(Topics.EPISODE_REQUESTS,
            new RequestNarrator());
    public static final AuditedSource<EpisodeEvent> EVENTS = new AuditedSource<>(Topics.EPISODE_EVENTS,
            new EpisodeEventNarrator());
    public static final AuditedSource<PolicyEvaluation> EVALUATIONS = new AuditedSource<>(Topics.POLICY_EVALUATIONS,
            new EvaluationNarrator());
    public static final AuditedSource<ApprovalDecision> DECISIONS = new AuditedSource<>(Topics.APPROVAL_DECISIONS,
            new DecisionNarrator());
    public static final AuditedSource<DecisionOutcome> OUTCOMES = new AuditedSource<>(Topics.APPROVAL_OUTCOMES,
            new OutcomeNarrator());
    public static final AuditedSource<EpisodeCommand> COMMANDS = new AuditedSource<>(Topics.EPISODE_COMMANDS,
            new CommandNarrator());
    public static final AuditedSource<AgentReport> REPORTS = new AuditedSource<>(Topics.AGENT_REPORTS,
            new ReportNarrator());
    public static final AuditedSource<SecurityEvent> SECURITY_EVENTS = new AuditedSource<>(Topics.SECURITY_EVENTS,
            new SecurityEventNarrator());

    public static final List<AuditedSource<?>> ALL = List.of(REQUESTS, EVENTS, EVALUATIONS, DECISIONS, OUTCOMES,
            COMMANDS, REPORTS, SECURITY_EVENTS);

    /** The entry for one source record, found again by its topic, partition and offset. */
    public AuditEntry tell(String key, V value, int partition, long offset, long timestamp) {
        return AuditEntry.of(key, narrator.narrate(value), topic.name(), partition, offset, Instant.ofEpochMilli(timestamp));
    }
}
