package io.noesis.approval.streams;

import io.noesis.approval.ApprovalConfig;
import io.noesis.approval.domain.ApprovalTally;
import io.noesis.approval.domain.Escalation;
import io.noesis.approval.escalation.EscalationSettings;
import io.noesis.approval.escalation.WebhookNotifier;
import io.noesis.approval.domain.ClosedRound;
import io.noesis.approval.domain.PendingApproval;
import io.noesis.approval.domain.Retention;
import io.noesis.approval.domain.RoundAdvice;
import io.noesis.schemas.DecisionOutcome;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import io.noesis.service.streams.StoreJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The approval topology: a table of pending rounds built from the episode log, decisions joined with it and
 * judged with each round's tally, outcomes and commands written to their topics, and overdue rounds expired.
 */
@ApplicationScoped
public class ApprovalTopology {

    /** Pending rounds by episode id, queryable by the API. */
    public static final String PENDING_STORE = "pending-approvals";
    /** Each pending round's approvals and judged decision ids, by episode id. */
    public static final String TALLY_STORE = "approval-tallies";
    /** The policies' advice of each episode's latest evaluation, by episode id. */
    public static final String ADVICE_STORE = "round-advice";
    /** Rounds settled by a decision or by their deadline, by episode id and evaluation id. */
    public static final String HISTORY_STORE = "approval-history";
    /** The pending rounds in queue order: queue position (Listing.Position#indexKey) → episode id. */
    public static final String QUEUE_INDEX_STORE = "approval-queue-index";
    /** Each pending round's position in QUEUE_INDEX_STORE, by episode id. */
    public static final String QUEUE_POSITION_STORE = "approval-queue-positions";
    /** Pending rounds by the time the judge is to look at them: see {@link DueIndex}. */
    public static final String DUE_INDEX_STORE = "approval-due-index";

    private static final String ROUND_CHANGES = "round-changes";
    private static final String JUDGED = "judged-";
    private static final String OUTCOMES = "outcomes";
    private static final String COMMANDS = "commands";

    @Inject
    ApprovalConfig config;

    @Inject
    EscalationSettings escalationSettings;

    @Inject
    JudgeObserver judgeObserver;

    @ConfigProperty(name = "noesis.registry.url")
    String registryUrl;

    @Produces
    public Topology topology() {
        Optional<Escalation> escalation = escalationSettings.enabled()
                ? Optional.of(new Escalation(escalationSettings.afterPartOfDeadline(),
                        WebhookNotifier.from(escalationSettings)))
                : Optional.empty();
        return build(new RegistrySerdes(registryUrl), config.expiryCheckInterval(), escalation, config.retention(),
                judgeObserver);
    }

    public static Topology build(RegistrySerdes serdes, Duration expiryCheckInterval) {
        return build(serdes, expiryCheckInterval, Optional.empty(), Retention.DEFAULT);
    }

    public static Topology build(RegistrySerdes serdes, Duration expiryCheckInterval, Optional<Escalation> escalation,
            Retention retention) {
        return build(serdes, expiryCheckInterval, escalation, retention, JudgeObserver.NONE);
    }

    public static Topology build(RegistrySerdes serdes, Duration expiryCheckInterval, Optional<Escalation> escalation,
            Retention retention, JudgeObserver judgeObserver) {
        Serde<String> keys = RegistrySerdes.keySerde();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TALLY_STORE), keys,
                StoreJson.serde(ApprovalTally.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY_STORE), keys,
                StoreJson.serde(ClosedRound.class)));

        KStream<String, EpisodeEvent> events = builder
                .stream(Topics.EPISODE_EVENTS.name(), Consumed.with(RegistrySerdes.episodeKeySerde(),
                        serdes.valueSerde(Topics.EPISODE_EVENTS)));
        events.filter((episodeId, event) -> event != null && AvroMapping.advises(event))
                .mapValues(AvroMapping::advice)
                .groupByKey(Grouped.with(keys, StoreJson.serde(AdviceGiven.class)))
                .aggregate(() -> RoundAdvice.NONE,
                        (episodeId, given, advice) -> advice.with(given.evaluationId(), given.advice()),
                        Named.as("round-advice"),
                        Materialized.<String, RoundAdvice, KeyValueStore<Bytes, byte[]>>as(ADVICE_STORE)
                                .withKeySerde(keys)
                                .withValueSerde(StoreJson.serde(RoundAdvice.class)));

        KTable<String, PendingApproval> pending = events
                .processValues(RoundChanges::new, Named.as(ROUND_CHANGES))
                .toTable(Named.as("pending-approvals-table"),
                        Materialized.<String, PendingApproval, KeyValueStore<Bytes, byte[]>>as(PENDING_STORE)
                                .withKeySerde(keys)
                                .withValueSerde(StoreJson.serde(PendingApproval.class))
                                // Uncached, so the queue index follows each change at once: a round shown by
                                // GET /approvals/{id} is in the list too, not only after the next commit.
                                .withCachingDisabled());
        indexPending(builder, pending, escalation);

        Map<String, KStream<String, SpecificRecord>> judged = builder
                .stream(Topics.APPROVAL_DECISIONS.name(),
                        // Without a key a decision would reach the judge with no episode: dead-lettered instead.
                        Consumed.with(RegistrySerdes.episodeKeySerde(), serdes.valueSerde(Topics.APPROVAL_DECISIONS)))
                .filter((episodeId, decision) -> decision != null)
                .leftJoin(pending,
                        DecisionAgainstRound::of,
                        Joined.with(keys, serdes.valueSerde(Topics.APPROVAL_DECISIONS), StoreJson.serde(PendingApproval.class)))
                .process(() -> new DecisionJudge(expiryCheckInterval, escalation, retention, judgeObserver), Named.as("judge"),
                        TALLY_STORE, PENDING_STORE, HISTORY_STORE, ADVICE_STORE, DUE_INDEX_STORE)
                .split(Named.as(JUDGED))
                .branch((episodeId, record) -> record instanceof DecisionOutcome, Branched.as(OUTCOMES))
                .defaultBranch(Branched.as(COMMANDS));

        judged.get(JUDGED + OUTCOMES)
                .mapValues(DecisionOutcome.class::cast)
                .to(Topics.APPROVAL_OUTCOMES.name(), Produced.with(keys, serdes.valueSerde(Topics.APPROVAL_OUTCOMES)));
        judged.get(JUDGED + COMMANDS)
                .mapValues(EpisodeCommand.class::cast)
                .to(Topics.EPISODE_COMMANDS.name(), Produced.with(keys, serdes.valueSerde(Topics.EPISODE_COMMANDS)));
        Topology topology = builder.build();
        // The table's store exists only once the table is built, after the processor that feeds it.
        topology.connectProcessorAndStateStores(ROUND_CHANGES, PENDING_STORE);
        return topology;
    }

    /**
     * The pending table's changes kept in queue order, for GET /approvals to read a page without a full scan,
     * and by due time, for the judge to read only the rounds to expire or escalate.
     */
    private static void indexPending(StreamsBuilder builder, KTable<String, PendingApproval> pending,
            Optional<Escalation> escalation) {
        for (String store : List.of(QUEUE_INDEX_STORE, QUEUE_POSITION_STORE, DUE_INDEX_STORE)) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store),
                    Serdes.String(), Serdes.String()));
        }
        pending.toStream(Named.as("pending-approvals-changes"))
                .process(() -> new PendingIndexer(escalation), Named.as("pending-indexer"), QUEUE_INDEX_STORE,
                        QUEUE_POSITION_STORE, DUE_INDEX_STORE);
    }
}
