package io.noesis.approval.streams;

import io.noesis.approval.domain.ApprovalRules;
import io.noesis.approval.domain.ApprovalTally;
import io.noesis.approval.domain.Judgement;
import io.noesis.approval.domain.PendingApproval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ApprovalTally> tallies;
    private TimestampedKeyValueStore<String, PendingApproval> rounds;

    DecisionJudge(Duration expiryCheckInterval) {
        this.expiryCheckInterval = expiryCheckInterval;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        tallies = context.getStateStore(ApprovalTopology.TALLY_STORE);
        rounds = context.getStateStore(ApprovalTopology.PENDING_STORE);
        context.schedule(expiryCheckInterval, PunctuationType.WALL_CLOCK_TIME, this::expireOverdueRounds);
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
        judgement.command().ifPresent(command -> emit(episodeId, AvroMapping.commandRecord(command, now), now));
    }

    private void expireOverdueRounds(long wallClockMillis) {
        Instant now = Instant.ofEpochMilli(wallClockMillis);
        try (KeyValueIterator<String, ValueAndTimestamp<PendingApproval>> pending = rounds.all()) {
            pending.forEachRemaining(entry -> ApprovalRules.expire(entry.value.value(), tallies.get(entry.key), now)
                    .ifPresent(expiry -> {
                        tallies.put(entry.key, expiry.tally());
                        emit(entry.key, AvroMapping.commandRecord(expiry.command(), now), now);
                    }));
        }
        forgetClosedRounds();
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

    private void emit(String episodeId, SpecificRecord value, Instant at) {
        context.forward(new Record<>(episodeId, value, at.toEpochMilli()));
    }
}
