package io.noesis.approval.streams;

import io.noesis.approval.domain.ApprovalRules;
import io.noesis.approval.domain.ApprovalTally;
import io.noesis.approval.domain.Escalation;
import io.noesis.approval.domain.ClosedRound;
import io.noesis.approval.domain.Command;
import io.noesis.approval.domain.Judgement;
import io.noesis.approval.domain.PendingApproval;
import io.noesis.approval.domain.Retention;
import io.noesis.approval.domain.RoundAdvice;
import io.noesis.service.streams.PromptCommit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Applies the approval rules to each decision with the round's tally, and on wall-clock schedules expires
 * or escalates the rounds that fell due (read from the {@link DueIndex}) and forgets history, advice and the
 * tallies of closed rounds past their retention. Emits DecisionOutcome and EpisodeCommand
 * records, split into their topics downstream.
 */
final class DecisionJudge implements Processor<String, DecisionAgainstRound, String, SpecificRecord> {

    /**
     * An approver waits for the command a decision causes: a lone one is committed at once, while decisions
     * come in a stream the interval commits them (a commit per command made them queue for seconds at 200/s).
     */
    private static final PromptCommit COMMANDS = new PromptCommit();

    private final Duration expiryCheckInterval;
    private final Optional<Escalation> escalation;
    private final Retention retention;
    private final JudgeObserver observer;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ApprovalTally> tallies;
    private TimestampedKeyValueStore<String, PendingApproval> rounds;
    private KeyValueStore<String, ClosedRound> history;
    private TimestampedKeyValueStore<String, RoundAdvice> advice;
    private KeyValueStore<String, String> due;
    /** Whether this task's pending rounds are all in the due index: see {@link #indexEveryPendingRound}. */
    private boolean dueIndexComplete;

    DecisionJudge(Duration expiryCheckInterval, Optional<Escalation> escalation, Retention retention,
            JudgeObserver observer) {
        this.expiryCheckInterval = expiryCheckInterval;
        this.escalation = escalation;
        this.retention = retention;
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        tallies = context.getStateStore(ApprovalTopology.TALLY_STORE);
        rounds = context.getStateStore(ApprovalTopology.PENDING_STORE);
        history = context.getStateStore(ApprovalTopology.HISTORY_STORE);
        advice = context.getStateStore(ApprovalTopology.ADVICE_STORE);
        due = context.getStateStore(ApprovalTopology.DUE_INDEX_STORE);
        context.schedule(expiryCheckInterval, PunctuationType.WALL_CLOCK_TIME, this::expireOrEscalate);
        context.schedule(retention.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::forgetPastRetention);
    }

    @Override
    public void process(Record<String, DecisionAgainstRound> record) {
        // Wall-clock time, as for expiry: a deadline is a promise to people, not to record timestamps.
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        String episodeId = record.key();
        DecisionAgainstRound decided = record.value();
        Judgement judgement = ApprovalRules.judge(decided.round(), tallies.get(episodeId), decided.decision(), now);
        judgement.tally().ifPresent(tally -> tallies.put(episodeId, tally));
        // What the decision causes continues the decision's trace (headers), as Kafka Streams does for the DSL.
        context.forward(record.withValue(AvroMapping.outcomeRecord(judgement.outcome(), now)).withTimestamp(now.toEpochMilli()));
        observer.judged(judgement.outcome(), decided.channel());
        judgement.command().ifPresent(command -> {
            context.forward(record.withValue(settle(decided.round(), command, now)).withTimestamp(now.toEpochMilli()));
            observer.commandIssued(command, Duration.between(decided.decidedAt(), now));
            COMMANDS.request(context);
        });
    }

    private void expireOrEscalate(long wallClockMillis) {
        Instant now = Instant.ofEpochMilli(wallClockMillis);
        if (!dueIndexComplete) {
            indexEveryPendingRound();
        }
        List<KeyValue<String, String>> fallenDue = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = due.range(null, DueIndex.before(now))) {
            entries.forEachRemaining(fallenDue::add);
        }
        for (KeyValue<String, String> entry : fallenDue) {
            due.delete(entry.key);
            PendingApproval round = ValueAndTimestamp.getValueOrNull(rounds.get(entry.value));
            if (round != null) {
                expire(entry.value, round, now);
                escalation.ifPresent(policy -> escalate(entry.value, round, now, policy));
            }
        }
    }

    /**
     * Once per task, at its first punctuation: a task restored from a log written before the index, or with
     * another escalation setting, may hold rounds the index lacks. Adding an entry twice changes nothing.
     */
    private void indexEveryPendingRound() {
        try (KeyValueIterator<String, ValueAndTimestamp<PendingApproval>> pending = rounds.all()) {
            pending.forEachRemaining(entry -> DueIndex.index(due, entry.key, entry.value.value(), escalation));
        }
        dueIndexComplete = true;
    }

    private void expire(String episodeId, PendingApproval round, Instant now) {
        ApprovalRules.expire(round, tallies.get(episodeId), now).ifPresent(expiry -> {
            tallies.put(episodeId, expiry.tally());
            context.forward(new Record<>(episodeId, settle(round, expiry.command(), now), now.toEpochMilli()));
            observer.expired(round);
        });
    }

    /** Marked in the tally first, so that a round is escalated once; the notifier delivers on its own threads. */
    private void escalate(String episodeId, PendingApproval round, Instant now, Escalation policy) {
        ApprovalRules.escalate(round, tallies.get(episodeId), now, policy.partOfDeadline()).ifPresent(escalated -> {
            tallies.put(episodeId, escalated);
            policy.notifier().escalate(round, now);
        });
    }

    /** Tallies of rounds that are no longer pending can never be consulted again. */
    private void forgetTalliesOfClosedRounds() {
        deleteWhere(tallies, (episodeId, tally) -> !tally.counts(ValueAndTimestamp.getValueOrNull(rounds.get(episodeId))));
    }

    /**
     * The tallies of closed rounds go at each check. Settled rounds leave the history once they are older than
     * the retention; advice goes when its last intervention is that old and its episode awaits no decision (a
     * round may never expire).
     */
    private void forgetPastRetention(long wallClockMillis) {
        Instant now = Instant.ofEpochMilli(wallClockMillis);
        forgetTalliesOfClosedRounds();
        deleteWhere(history, (key, closed) -> !retention.keeps(closed.closedAt(), now));
        deleteWhere(advice, (episodeId, given) -> !retention.keeps(Instant.ofEpochMilli(given.timestamp()), now)
                && rounds.get(episodeId) == null);
    }

    private static <V> void deleteWhere(KeyValueStore<String, V> store, BiPredicate<String, V> outdated) {
        List<String> doomed = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (outdated.test(entry.key, entry.value)) {
                    doomed.add(entry.key);
                }
            });
        }
        doomed.forEach(store::delete);
    }

    /** A command settles its round: the round joins the decided history, and the command record is to go out. */
    private SpecificRecord settle(PendingApproval round, Command command, Instant now) {
        ClosedRound closed = ClosedRound.of(round, command, now);
        history.put(closed.historyKey(), closed);
        return AvroMapping.commandRecord(command, now);
    }
}
