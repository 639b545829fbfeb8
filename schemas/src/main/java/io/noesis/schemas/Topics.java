package io.noesis.schemas;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The catalogue of every topic: the only place a topic name is written down. All episode-keyed
 * topics share one partition count so that Kafka Streams can join them without repartitioning.
 */
public final class Topics {

    /** Partitions of every topic keyed by episode id; they must stay equal for co-partitioned joins. */
    public static final int EPISODE_PARTITIONS = 6;

    public static final Topic<EpisodeRequest> EPISODE_REQUESTS = new Topic<>("noesis.episode.requests",
            EpisodeRequest.class, EPISODE_PARTITIONS, Topic.FOREVER, "episode requests from clients (the public entry point)");
    public static final Topic<EpisodeEvent> EPISODE_EVENTS = new Topic<>("noesis.episode.events",
            EpisodeEvent.class, EPISODE_PARTITIONS, Topic.FOREVER, "the event-sourced episode log, written by episode-service alone");
    public static final Topic<PolicyEvaluation> POLICY_EVALUATIONS = new Topic<>("noesis.policy.evaluations",
            PolicyEvaluation.class, EPISODE_PARTITIONS, Topic.FOREVER, "what the policies decided, per request or proposed action");
    public static final Topic<ApprovalDecision> APPROVAL_DECISIONS = new Topic<>("noesis.approval.decisions",
            ApprovalDecision.class, EPISODE_PARTITIONS, Topic.FOREVER, "approve and reject decisions from the API, the web page and Slack");
    public static final Topic<DecisionOutcome> APPROVAL_OUTCOMES = new Topic<>("noesis.approval.outcomes",
            DecisionOutcome.class, EPISODE_PARTITIONS, Topic.FOREVER, "what became of each decision");
    public static final Topic<EpisodeCommand> EPISODE_COMMANDS = new Topic<>("noesis.episode.commands",
            EpisodeCommand.class, EPISODE_PARTITIONS, Topic.FOREVER, "START, RESUME, REJECT, EXPIRE and CANCEL for agent runtimes");
    public static final Topic<AgentReport> AGENT_REPORTS = new Topic<>("noesis.agent.reports",
            AgentReport.class, EPISODE_PARTITIONS, Topic.FOREVER, "what agent runtimes report back");
    /** Keyed by the episode a refused request claimed (or by the event id), so it joins that episode's trail. */
    public static final Topic<SecurityEvent> SECURITY_EVENTS = new Topic<>("noesis.security.events",
            SecurityEvent.class, EPISODE_PARTITIONS, Topic.FOREVER, "requests refused because their sender could not be verified");
    /** One partition: the audit trail is a single hash chain. */
    public static final Topic<AuditRecord> AUDIT_LOG = new Topic<>("noesis.audit.log",
            AuditRecord.class, 1, Topic.FOREVER, "the hash-chained audit trail");
    public static final Topic<byte[]> DEAD_LETTERS = new Topic<>("noesis.dlq",
            byte[].class, 1, Duration.ofDays(30), "records a consumer could not read, with the reason in headers");

    /**
     * The topics keyed by episode id, which Kafka Streams joins by it: they must always have the same number of
     * partitions. Nothing joins the security events; they are keyed like the others and sized with them.
     */
    public static final List<Topic<?>> CO_PARTITIONED = List.of(EPISODE_REQUESTS, EPISODE_EVENTS, POLICY_EVALUATIONS,
            APPROVAL_DECISIONS, APPROVAL_OUTCOMES, EPISODE_COMMANDS, AGENT_REPORTS, SECURITY_EVENTS);

    /** Every topic, in the order data flows through the system. */
    public static final List<Topic<?>> ALL = Stream.concat(CO_PARTITIONED.stream(), Stream.of(AUDIT_LOG, DEAD_LETTERS))
            .toList();

    /** The topics whose values are Avro records registered in the schema registry. */
    public static List<Topic<?>> avroTopics() {
        return ALL.stream().filter(topic -> topic.valueType() != byte[].class).toList();
    }

    private Topics() {
    }
}
