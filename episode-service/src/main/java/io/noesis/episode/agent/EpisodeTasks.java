package io.noesis.episode.agent;

import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeRequested;
import io.noesis.schemas.Topics;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;

/**
 * The tasks of the episodes that have not ended, read from the episode log, for commands that do not carry
 * their task (those written before commands carried it). Read without a consumer group, from the
 * beginning, and only when such a command arrives: the agent keeps nothing of its own across a restart.
 */
final class EpisodeTasks implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EpisodeTasks.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Set<EpisodeEventType> ENDINGS = EnumSet.of(EpisodeEventType.COMPLETED, EpisodeEventType.FAILED,
            EpisodeEventType.REJECTED, EpisodeEventType.EXPIRED, EpisodeEventType.CANCELLED);

    private final KafkaConsumer<byte[], byte[]> reader;
    private final Deserializer<EpisodeEvent> events;
    private final BooleanSupplier keepGoing;
    private final Map<String, String> tasks = new HashMap<>();

    EpisodeTasks(KafkaConsumer<byte[], byte[]> reader, Deserializer<EpisodeEvent> events, BooleanSupplier keepGoing) {
        this.reader = reader;
        this.events = events;
        this.keepGoing = keepGoing;
        String topic = Topics.EPISODE_EVENTS.name();
        List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
    }

    /**
     * Reads the log up to its current end. A command is issued only after its episode's REQUESTED event
     * was committed, so after this every task a command can need is known, unless the episode has ended.
     */
    private void catchUp() {
        Map<TopicPartition, Long> ends = reader.endOffsets(reader.assignment());
        while (keepGoing.getAsBoolean()
                && ends.entrySet().stream().anyMatch(end -> reader.position(end.getKey()) < end.getValue())) {
            reader.poll(POLL).forEach(this::learn);
        }
    }

    /** The episode's task, reading the log further when it is not known yet; empty once the episode ended. */
    Optional<String> taskOf(String episodeId) {
        if (!tasks.containsKey(episodeId)) {
            catchUp();
        }
        return Optional.ofNullable(tasks.get(episodeId));
    }

    private void learn(ConsumerRecord<byte[], byte[]> record) {
        EpisodeEvent event;
        try {
            event = events.deserialize(record.topic(), record.value());
        } catch (RuntimeException unreadable) {
            LOG.debugf(unreadable, "Skipping an unreadable episode event at %s-%d@%d", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        if (event == null) {
            return;
        }
        if (event.getPayload() instanceof EpisodeRequested requested) {
            tasks.put(event.getEpisodeId(), requested.getTask());
        } else if (ENDINGS.contains(event.getType())) {
            tasks.remove(event.getEpisodeId());
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
