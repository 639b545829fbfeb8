package io.noesis.approval.streams;

import io.noesis.approval.domain.ApprovalTally;
import io.noesis.approval.domain.ClosedRound;
import io.noesis.approval.domain.PendingApproval;
import io.noesis.approval.domain.PendingStatus;
import io.noesis.approval.domain.RoundAdvice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries of this instance's pending rounds and their tallies. Until Kafka Streams is running
 * the stores are unavailable and the queries throw InvalidStateStoreException.
 */
@ApplicationScoped
public class ApprovalQueries {

    @Inject
    KafkaStreams streams;

    /**
     * Every round still awaiting a decision, most urgent first. A round the join settled stays in the pending
     * table until the episode log records the outcome, but nobody can decide it any more.
     */
    public List<PendingStatus> pendingApprovals() {
        ReadOnlyKeyValueStore<String, ApprovalTally> tallies = store(ApprovalTopology.TALLY_STORE);
        List<PendingStatus> pending = new ArrayList<>();
        try (KeyValueIterator<String, PendingApproval> rounds = this.<PendingApproval>store(ApprovalTopology.PENDING_STORE).all()) {
            rounds.forEachRemaining(round -> awaitingDecision(round.value, tallies.get(round.key)).ifPresent(pending::add));
        }
        pending.sort(PendingStatus.BY_URGENCY);
        return pending;
    }

    /** Every settled round of this instance, in no particular order. */
    public List<ClosedRound> closedRounds() {
        List<ClosedRound> closed = new ArrayList<>();
        try (KeyValueIterator<String, ClosedRound> all = this.<ClosedRound>store(ApprovalTopology.HISTORY_STORE).all()) {
            all.forEachRemaining(entry -> closed.add(entry.value));
        }
        return closed;
    }

    public Optional<PendingStatus> pendingApproval(String episodeId) {
        PendingApproval round = this.<PendingApproval>store(ApprovalTopology.PENDING_STORE).get(episodeId);
        return round == null ? Optional.empty()
                : awaitingDecision(round, this.<ApprovalTally>store(ApprovalTopology.TALLY_STORE).get(episodeId));
    }

    private static Optional<PendingStatus> awaitingDecision(PendingApproval round, ApprovalTally tally) {
        return ApprovalTally.settles(tally, round) ? Optional.empty() : Optional.of(PendingStatus.of(round, tally));
    }

    /** What the policies advised in the evaluation that opened the round. */
    public List<RoundAdvice.Advice> adviceFor(PendingApproval round) {
        RoundAdvice advice = this.<RoundAdvice>store(ApprovalTopology.ADVICE_STORE).get(round.episodeId());
        return advice == null ? List.of() : advice.forRound(round);
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }
}
