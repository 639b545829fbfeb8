package io.noesis.episode.agent;

import io.noesis.schemas.AgentReport;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.Topics;
import io.noesis.schemas.deadletter.DeadLetters;
import io.noesis.schemas.serde.RegistrySerdes;
import io.noesis.service.tracing.TraceHeaders;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the reference agent as an ordinary consumer of the agent contract: its own consumer group on the
 * command topic, the episode log only for a command that does not carry its task, reports on the report topic.
 * Offsets are committed only after the reports are acknowledged, so a crash redelivers commands rather
 * than losing them, and the redelivered commands yield reports with the same ids.
 */
@ApplicationScoped
public class ReferenceAgentRuntime {

    private static final Logger LOG = Logger.getLogger(ReferenceAgentRuntime.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(2);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);
    private static final Set<CommandType> STOPS = EnumSet.of(CommandType.REJECT, CommandType.EXPIRE, CommandType.CANCEL);

    private final ReferenceAgent agent = new ReferenceAgent();
    private final boolean enabled;
    private final String bootstrapServers;
    private final String groupId;
    private final Deserializer<EpisodeCommand> commands;
    private final Deserializer<EpisodeEvent> events;
    private final Serializer<AgentReport> reports;
    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread worker;

    public ReferenceAgentRuntime(RegistrySerdes serdes,
            @ConfigProperty(name = "noesis.agent.reference.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "noesis.agent.reference.group-id", defaultValue = "noesis-reference-agent") String groupId,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.enabled = enabled;
        this.groupId = groupId;
        this.bootstrapServers = bootstrapServers;
        this.commands = serdes.valueSerde(Topics.EPISODE_COMMANDS).deserializer();
        this.events = serdes.valueSerde(Topics.EPISODE_EVENTS).deserializer();
        this.reports = serdes.valueSerde(Topics.AGENT_REPORTS).serializer();
    }

    void start(@Observes StartupEvent startup) {
        if (!enabled) {
            LOG.info("Reference agent disabled (noesis.agent.reference.enabled=false)");
            return;
        }
        running = true;
        worker = new Thread(this::run, "reference-agent");
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (worker != null) {
            try {
                worker.join(SHUTDOWN_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A failure (broker gone, registry down) restarts the consumer from the last committed offsets. */
    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> commandConsumer = newConsumer(groupId);
                    EpisodeTasks tasks = new EpisodeTasks(newConsumer(null), events, () -> running);
                    KafkaProducer<byte[], byte[]> producer = newProducer()) {
                consumer = commandConsumer;
                commandConsumer.subscribe(List.of(Topics.EPISODE_COMMANDS.name()));
                while (running) {
                    ConsumerRecords<byte[], byte[]> batch = commandConsumer.poll(POLL);
                    List<Future<RecordMetadata>> sent = new ArrayList<>();
                    for (ConsumerRecord<byte[], byte[]> record : batch) {
                        sent.addAll(obey(record, tasks, producer));
                    }
                    // The batch's reports go out together; offsets move on only once every one is acknowledged.
                    for (Future<RecordMetadata> acknowledgement : sent) {
                        acknowledgement.get();
                    }
                    commandConsumer.commitSync();
                }
            } catch (WakeupException stopping) {
                LOG.debug("Reference agent stopping");
            } catch (RuntimeException | ExecutionException e) {
                LOG.warnf(e, "Reference agent failed; restarting in %s", RETRY_BACKOFF);
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Carries out one command; answers the reports' pending acknowledgements. */
    private List<Future<RecordMetadata>> obey(ConsumerRecord<byte[], byte[]> record, EpisodeTasks tasks,
            KafkaProducer<byte[], byte[]> producer) throws ExecutionException, InterruptedException {
        EpisodeCommand command;
        try {
            command = commands.deserialize(record.topic(), record.value());
        } catch (RuntimeException unreadable) {
            ProducerRecord<byte[], byte[]> deadLetter = DeadLetters.of(groupId, record.topic(), record.partition(),
                    record.offset(), record.key(), record.value(), unreadable);
            producer.send(deadLetter).get();
            DeadLetters.sent(deadLetter);
            return List.of();
        }
        if (STOPS.contains(command.getType())) {
            LOG.infof("Episode %s stopped by %s: %s", command.getEpisodeId(), command.getType(), command.getReason());
        }
        String task = command.getTask() != null ? command.getTask() : tasks.taskOf(command.getEpisodeId()).orElse(null);
        if (task == null && (command.getType() == CommandType.START || command.getType() == CommandType.RESUME)) {
            // The log is read to its end, so the episode has ended: a command redelivered after a restart.
            LOG.debugf("Episode %s has ended; ignoring %s %s", command.getEpisodeId(), command.getType(), command.getCommandId());
            return List.of();
        }
        String topic = Topics.AGENT_REPORTS.name();
        return agent.reportsFor(command, task, Instant.now()).stream()
                .map(report -> producer.send(new ProducerRecord<>(topic, null,
                        report.getEpisodeId().getBytes(StandardCharsets.UTF_8), reports.serialize(topic, report),
                        TraceHeaders.copyOf(record.headers()))))
                .toList();
    }

    /** @param group the consumer group, or null for a reader that keeps no offsets */
    private KafkaConsumer<byte[], byte[]> newConsumer(String group) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> newProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, groupId),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
