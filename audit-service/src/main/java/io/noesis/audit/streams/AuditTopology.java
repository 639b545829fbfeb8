package io.noesis.audit.streams;

import io.noesis.audit.domain.AuditEntry;
import io.noesis.audit.domain.AuditedDecision;
import io.noesis.audit.domain.ChainLink;
import io.noesis.audit.domain.ChainState;
import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import io.noesis.service.streams.StoreJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads every topic of the system, tells each record as an audit entry, funnels all entries into one
 * partition (a hash chain has one order) and chains them onto the audit log, whose links every instance
 * files by episode. Decisions are also filed by time in one partition, so that one instance answers
 * questions about a period.
 */
@ApplicationScoped
public class AuditTopology {

    public static final String CHAIN_STORE = "audit-chain";
    public static final String TRAIL_STORE = "audit-trail";
    public static final String DECISIONS_STORE = "audit-decisions";

    @Produces
    Topology topology(@ConfigProperty(name = "noesis.registry.url") String registryUrl) {
        return build(new RegistrySerdes(registryUrl));
    }

    public static Topology build(RegistrySerdes serdes) {
        StreamsBuilder builder = new StreamsBuilder();
        // The head changes with every link but only its last value matters: cached, it reaches RocksDB and
        // its changelog once per commit, not once per link (a tenth of all the records the system wrote).
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CHAIN_STORE),
                Serdes.String(), StoreJson.serde(ChainState.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DECISIONS_STORE),
                Serdes.String(), StoreJson.serde(AuditedDecision.class)));
        KStream<String, ApprovalDecision> decisions = read(builder, serdes, AuditedSource.DECISIONS);
        fileDecisions(decisions);
        narrated(read(builder, serdes, AuditedSource.REQUESTS), AuditedSource.REQUESTS)
                .merge(narrated(read(builder, serdes, AuditedSource.EVENTS), AuditedSource.EVENTS))
                .merge(narrated(read(builder, serdes, AuditedSource.EVALUATIONS), AuditedSource.EVALUATIONS))
                .merge(narrated(decisions, AuditedSource.DECISIONS))
                .merge(narrated(read(builder, serdes, AuditedSource.OUTCOMES), AuditedSource.OUTCOMES))
                .merge(narrated(read(builder, serdes, AuditedSource.COMMANDS), AuditedSource.COMMANDS))
                .merge(narrated(read(builder, serdes, AuditedSource.REPORTS), AuditedSource.REPORTS))
                .merge(narrated(read(builder, serdes, AuditedSource.SECURITY_EVENTS), AuditedSource.SECURITY_EVENTS))
                .repartition(Repartitioned.with(RegistrySerdes.keySerde(), StoreJson.serde(AuditEntry.class))
                        .withNumberOfPartitions(1)
                        .withName("audit-entries"))
                .process(ChainingProcessor::new, Named.as("chain"), CHAIN_STORE)
                .to(Topics.AUDIT_LOG.name(),
                        Produced.with(RegistrySerdes.keySerde(), serdes.valueSerde(Topics.AUDIT_LOG))
                                .withName("audit-log"));
        indexTrail(builder, serdes);
        return builder.build();
    }

    /**
     * The trail is read back from the audit log, which keeps every link forever, rather than written beside it
     * to a changelog of its own: a tenth of all the records the system wrote. A global store restores itself
     * by replaying its topic through the indexer, and every instance holds the whole trail.
     */
    private static void indexTrail(StreamsBuilder builder, RegistrySerdes serdes) {
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TRAIL_STORE),
                        Serdes.String(), StoreJson.serde(ChainLink.class)).withLoggingDisabled(),
                Topics.AUDIT_LOG.name(),
                Consumed.with(RegistrySerdes.keySerde(), serdes.valueSerde(Topics.AUDIT_LOG)).withName("read-audit-log"),
                TrailIndexer::new);
    }

    private static void fileDecisions(KStream<String, ApprovalDecision> decisions) {
        decisions.filter((episodeId, decision) -> decision != null, Named.as("decisions-present"))
                .mapValues(AuditTopology::audited, Named.as("decision-facts"))
                .repartition(Repartitioned.with(RegistrySerdes.keySerde(), StoreJson.serde(AuditedDecision.class))
                        .withNumberOfPartitions(1)
                        .withName("audit-decisions"))
                .process(DecisionRecordingProcessor::new, Named.as("file-decision"), DECISIONS_STORE);
    }

    private static AuditedDecision audited(ApprovalDecision decision) {
        return new AuditedDecision(decision.getDecisionId(), decision.getEpisodeId(), decision.getApprover(),
                decision.getApproverGroups(), decision.getOutcome().name(), decision.getChannel().name(),
                decision.getReason(), decision.getDecidedAt());
    }

    private static <V> KStream<String, V> read(StreamsBuilder builder, RegistrySerdes serdes, AuditedSource<V> source) {
        return builder.stream(source.topic().name(), Consumed.with(RegistrySerdes.keySerde(),
                serdes.valueSerde(source.topic())).withName("read-" + source.topic().name()));
    }

    private static <V> KStream<String, AuditEntry> narrated(KStream<String, V> records, AuditedSource<V> source) {
        return records.process(() -> new NarratingProcessor<>(source), Named.as("narrate-" + source.topic().name()));
    }
}
