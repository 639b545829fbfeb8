package io.noesis.approval.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.noesis.approval.ApprovalConfig;
import io.noesis.approval.domain.Command;
import io.noesis.approval.domain.Outcome;
import io.noesis.approval.domain.PendingApproval;
import io.noesis.approval.streams.ApprovalQueries;
import io.noesis.approval.streams.JudgeObserver;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * What an operator watches in approval-service, at /q/metrics: rounds awaiting a decision by approver group,
 * decisions by verdict and channel, how long a decision takes to become a command, and expiries.
 * <p>
 * Each instance reports what its own partitions hold, so summing over instances gives the whole system. The
 * counters follow the judge as it processes records: a task retried after a failure can count a decision twice.
 */
@ApplicationScoped
public class ApprovalMetrics implements JudgeObserver {

    static final String PENDING = "noesis.approvals.pending";
    static final String DECISIONS = "noesis.approval.decisions";
    static final String DECISION_TO_COMMAND = "noesis.approval.decision.to.command";
    static final String EXPIRIES = "noesis.approval.expiries";
    /** The group tag of rounds that any approver may decide. */
    static final String ANY_GROUP = "any";

    private final MeterRegistry registry;
    private final ApprovalQueries queries;
    private final Duration pendingRefresh;
    private final MultiGauge pending;
    private ScheduledExecutorService counting;

    ApprovalMetrics(MeterRegistry registry, ApprovalQueries queries, ApprovalConfig config) {
        this.registry = registry;
        this.queries = queries;
        this.pendingRefresh = config.pendingGaugeRefresh();
        this.pending = MultiGauge.builder(PENDING)
                .description("Approval rounds awaiting a decision, by approver group")
                .register(registry);
    }

    /** Counting reads every pending round, so it runs on a schedule of its own rather than at each scrape. */
    void start(@Observes StartupEvent started) {
        counting = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pending-approvals-gauge");
            thread.setDaemon(true);
            return thread;
        });
        counting.scheduleWithFixedDelay(this::countPending, 0, pendingRefresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        counting.shutdownNow();
    }

    private void countPending() {
        try {
            pending.register(queries.pendingCountByGroup().entrySet().stream()
                    .map(byGroup -> MultiGauge.Row.of(Tags.of("group", groupTag(byGroup.getKey())), byGroup.getValue()))
                    .toList(), true);
        } catch (InvalidStateStoreException notRunningYet) {
            // Starting or rebalancing: the last count stands until the stores answer again.
        }
    }

    @Override
    public void judged(Outcome outcome, String channel) {
        Counter.builder(DECISIONS)
                .description("Decisions judged, by verdict, refusal reason and the channel they came from")
                .tag("verdict", tagValue(outcome.verdict().name()))
                .tag("refusal", outcome.refusal() == null ? "none" : tagValue(outcome.refusal().name()))
                .tag("channel", tagValue(channel))
                .register(registry)
                .increment();
    }

    @Override
    public void commandIssued(Command command, Duration sinceDecision) {
        Timer.builder(DECISION_TO_COMMAND)
                .description("From the approver's decision to the command it caused going out")
                .tag("command", tagValue(command.kind().name()))
                .publishPercentileHistogram()
                .register(registry)
                // decided_at comes from the writer's clock, which may run ahead of this one.
                .record(sinceDecision.isNegative() ? Duration.ZERO : sinceDecision);
    }

    @Override
    public void expired(PendingApproval round) {
        Counter.builder(EXPIRIES)
                .description("Approval rounds expired because nobody decided before the deadline, by approver group")
                .tag("group", groupTag(round.requiresGroup() ? round.approverGroup() : ""))
                .register(registry)
                .increment();
    }

    private static String groupTag(String group) {
        return group.isEmpty() ? ANY_GROUP : group;
    }

    private static String tagValue(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
