package io.noesis.approval.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.approval.domain.ApprovalTally;
import io.noesis.approval.domain.ClosedRound;
import io.noesis.approval.domain.Decision;
import io.noesis.approval.domain.PendingApproval;
import io.noesis.approval.domain.Retention;
import io.noesis.approval.domain.RoundAdvice;
import io.noesis.approval.domain.Vote;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.DecisionOutcome;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.service.streams.PromptCommit;
import io.noesis.service.streams.StoreJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the judge asks of its stream thread: the commit an approver waits for. */
class DecisionJudgeTest {

    private static final Duration QUIET = PromptCommit.QUIET;

    /** The judge's requests are counted per thread and the tests share one, so each starts an hour after the last. */
    private static Instant hour = Instant.parse("2026-11-27T12:00:00Z");

    private final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
    private final DecisionJudge judge = new DecisionJudge(Duration.ofSeconds(1), Optional.empty(), Retention.DEFAULT,
            JudgeObserver.NONE);
    private Instant start;

    @BeforeEach
    void startTheJudgeAnHourLater() {
        hour = hour.plus(Duration.ofHours(1));
        start = hour;
        addStore(Stores.keyValueStoreBuilder(inMemory(ApprovalTopology.TALLY_STORE), Serdes.String(),
                StoreJson.serde(ApprovalTally.class)));
        addStore(Stores.keyValueStoreBuilder(inMemory(ApprovalTopology.HISTORY_STORE), Serdes.String(),
                StoreJson.serde(ClosedRound.class)));
        addStore(Stores.keyValueStoreBuilder(inMemory(ApprovalTopology.DUE_INDEX_STORE), Serdes.String(), Serdes.String()));
        addStore(Stores.timestampedKeyValueStoreBuilder(inMemory(ApprovalTopology.PENDING_STORE), Serdes.String(),
                StoreJson.serde(PendingApproval.class)));
        addStore(Stores.timestampedKeyValueStoreBuilder(inMemory(ApprovalTopology.ADVICE_STORE), Serdes.String(),
                StoreJson.serde(RoundAdvice.class)));
        judge.init(context);
    }

    @Test
    void aLoneDecisionThatSettlesItsRoundIsCommittedAtOnce() {
        judgeAt(start, "ep-1", 1, Vote.APPROVE);

        assertEquals(CommandType.RESUME, lastCommand().getType());
        assertTrue(context.committed(), "an approver waits for the RESUME");
    }

    @Test
    void aVoteShortOfTheQuorumIsLeftToTheInterval() {
        judgeAt(start, "ep-1", 2, Vote.APPROVE);

        assertTrue(context.forwarded().stream().allMatch(sent -> sent.record().value() instanceof DecisionOutcome));
        assertFalse(context.committed(), "nothing follows a vote that is only counted");
    }

    @Test
    void decisionsInAStreamAreLeftToTheIntervalUntilAQuietSpell() {
        judgeAt(start, "ep-1", 1, Vote.APPROVE);
        context.resetCommit();

        judgeAt(start.plus(QUIET.dividedBy(2)), "ep-2", 1, Vote.REJECT);
        assertEquals(CommandType.REJECT, lastCommand().getType());
        assertFalse(context.committed(), "a commit per command would queue a stream of decisions");

        judgeAt(start.plus(QUIET.multipliedBy(2)), "ep-3", 1, Vote.APPROVE);
        assertTrue(context.committed(), "the first decision after a quiet spell is committed at once");
    }

    private void judgeAt(Instant at, String episodeId, int requiredApprovals, Vote vote) {
        context.setCurrentSystemTimeMs(at.toEpochMilli());
        PendingApproval round = new PendingApproval(episodeId, "eval-1", "REQUEST", null, "drop the users table",
                "requester", List.of("destructive"), 0.9, requiredApprovals, null, null, at.minusSeconds(60));
        Decision decision = new Decision(episodeId + "-decision", episodeId, vote, "alice", Set.of(), "looked at it");
        judge.process(new Record<>(episodeId, new DecisionAgainstRound(decision, round, "API", at), at.toEpochMilli()));
    }

    private EpisodeCommand lastCommand() {
        return context.forwarded().stream()
                .map(sent -> sent.record().value())
                .filter(EpisodeCommand.class::isInstance)
                .map(EpisodeCommand.class::cast)
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    private static KeyValueBytesStoreSupplier inMemory(String name) {
        return Stores.inMemoryKeyValueStore(name);
    }

    private void addStore(StoreBuilder<?> builder) {
        var store = builder.withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }
}
