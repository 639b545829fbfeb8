package io.noesis.approval.streams;

import io.noesis.approval.domain.ApprovalRules;
import io.noesis.approval.domain.ApprovalTally;
import io.noesis.approval.domain.Escalation;
import io.noesis.approval.domain.ClosedRound;
import io.noesis.approval.domain.Command;
import io.noesis.approval.domain.Judgement;
import io.noesis.approval.domain.PendingApproval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Applies the approval rules to each decision with the round's tally, and on a wall-clock schedule expires
 * overdue rounds. Emits DecisionOutcome and EpisodeCommand records, split into their topics downstream.
 */
final class DecisionJudge implements Processor<String, DecisionAgainstRound, String, SpecificRecord> {

    private final Duration expiryCheckInterval;
    private final Optional<Escalation> escalation;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ApprovalTally> tallies;
    private TimestampedKeyValueStore<String, PendingApproval> rounds;
    private KeyValueStore<String, ClosedRound> history;

    DecisionJudge(Duration expiryCheckInterval, Optional<Escalation> escalation) {
        this.expiryCheckInterval = expiryCheckInterval;
        this.escalation = escalation;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        tallies = context.getStateStore(ApprovalTopology.TALLY_STORE);
        rounds = context.getStateStore(ApprovalTopology.PENDING_STORE);
        history = context.getStateStore(ApprovalTopology.HISTORY_STORE);
        context.schedule(expiryCheckInterval, PunctuationType.WALL_CLOCK_TIME, this::expireOrEscalate);
    }

    @Override
    public void process(Record<String, DecisionAgainstRound> record) {
        // Wall-clock time, as for expiry: a deadline is a promise to people, not to record timestamps.
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        String episodeId = record.key();
        Judgement judgement = ApprovalRules.judge(record.value().round(), tallies.get(episodeId),
                record.value().decision(), now);
        judgement.tally().ifPresent(tally -> tallies.put(episodeId, tally));
        emit(episodeId, AvroMapping.outcomeRecord(judgement.outcome(), now), now);
        judgement.command().ifPresent(command -> settle(record.value().round(), command, now));
    }

    private void expireOrEscalate(long wallClockMillis) {
        Instant now = Instant.ofEpochMilli(wallClockMillis);
        try (KeyValueIterator<String, ValueAndTimestamp<PendingApproval>> pending = rounds.all()) {
            pending.forEachRemaining(entry -> {
                expire(entry.key, entry.value.value(), now);
                escalation.ifPresent(policy -> escalate(entry.key, entry.value.value(), now, policy));
            });
        }
        forgetClosedRounds();
    }

    private void expire(String episodeId, PendingApproval round, Instant now) {
        ApprovalRules.expire(round, tallies.get(episodeId), now).ifPresent(expiry -> {
            tallies.put(episodeId, expiry.tally());
            settle(round, expiry.command(), now);
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
    private void forgetClosedRounds() {
        List<String> closed = new ArrayList<>();
        try (KeyValueIterator<String, ApprovalTally> all = tallies.all()) {
            all.forEachRemaining(entry -> {
                if (!entry.value.counts(ValueAndTimestamp.getValueOrNull(rounds.get(entry.key)))) {
                    closed.add(entry.key);
                }
            });
        }
        closed.forEach(tallies::delete);
    }

    /** A command settles its round: it goes out, and the round joins the decided history. */
    private void settle(PendingApproval round, Command command, Instant now) {
        ClosedRound closed = ClosedRound.of(round, command, now);
        history.put(closed.historyKey(), closed);
        emit(round.episodeId(), AvroMapping.commandRecord(command, now), now);
    }

    private void emit(String episodeId, SpecificRecord value, Instant at) {
        context.forward(new Record<>(episodeId, value, at.toEpochMilli()));
    }
}
