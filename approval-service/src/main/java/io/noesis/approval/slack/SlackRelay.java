package io.noesis.approval.slack;

import com.slack.api.methods.SlackApiException;
import io.noesis.approval.domain.PendingApproval;
import io.noesis.approval.domain.RoundEnd;
import io.noesis.approval.streams.AvroMapping;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import io.noesis.service.streams.StoreJson;
import java.io.IOException;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.jboss.logging.Logger;

/**
 * Follows the episode log: posts each round that starts awaiting approval to Slack, keeps where the message
 * is in a state store (its changelog survives restarts and moves with the partition on a rebalance), and
 * rewrites the message when the log records how the round ended, whoever decided it and wherever.
 */
final class SlackRelay implements Processor<String, EpisodeEvent, Void, Void> {

    /** The posted message of each episode's open round, by episode id. */
    static final String POSTS_STORE = "slack-posts";

    private static final Logger LOG = Logger.getLogger(SlackRelay.class);

    private final SlackMessages messages;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, SlackPost> posts;

    private SlackRelay(SlackMessages messages) {
        this.messages = messages;
    }

    static Topology topology(RegistrySerdes serdes, SlackMessages messages) {
        Serde<String> keys = RegistrySerdes.keySerde();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POSTS_STORE), keys,
                StoreJson.serde(SlackPost.class)));
        builder.stream(Topics.EPISODE_EVENTS.name(), Consumed.with(keys, serdes.valueSerde(Topics.EPISODE_EVENTS)))
                .filter((episodeId, event) -> episodeId != null && event != null)
                .process(() -> new SlackRelay(messages), Named.as("slack-relay"), POSTS_STORE);
        return builder.build();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        posts = context.getStateStore(POSTS_STORE);
    }

    @Override
    public void process(Record<String, EpisodeEvent> record) {
        if (AvroMapping.opensRound(record.value())) {
            announce(AvroMapping.pendingApproval(record.value()));
        } else {
            AvroMapping.roundEnd(record.value()).ifPresent(end -> settle(record.key(), end));
        }
    }

    private void announce(PendingApproval round) {
        if (round.isOverdue(Instant.ofEpochMilli(context.currentSystemTimeMs()))) {
            // A first start reads the whole log: rounds long expired are not worth a message.
            return;
        }
        try {
            posts.put(round.episodeId(), messages.announce(round));
        } catch (IOException | SlackApiException | IllegalStateException failure) {
            LOG.warnf("Episode %s could not be announced in Slack: %s", round.episodeId(), failure.getMessage());
        }
    }

    /** Rounds that were never announced (Slack was off, or the round was overdue) have nothing to update. */
    private void settle(String episodeId, RoundEnd end) {
        SlackPost post = posts.get(episodeId);
        if (post == null) {
            return;
        }
        try {
            messages.settle(post, end);
        } catch (IOException | SlackApiException | IllegalStateException failure) {
            LOG.warnf("The Slack message of episode %s could not be updated: %s", episodeId, failure.getMessage());
        }
        posts.delete(episodeId);
    }
}
