package io.noesis.audit.replay;

import io.noesis.schemas.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Runs replays one after another in the background and keeps them, with their progress and results, for
 * as long as the service runs. One at a time: a replay reads whole topics, and two would only compete.
 */
@ApplicationScoped
public class Replays {

    private static final Logger LOG = Logger.getLogger(Replays.class);

    public enum Kind {
        /** Verify the hash chain of the audit log. */
        VERIFY,
        /** Rebuild the trail from the source topics and compare it with the audit log. */
        REBUILD
    }

    public enum State {
        QUEUED, RUNNING, DONE, FAILED
    }

    /** One replay; its fields change as it runs and are read by other threads. */
    public static final class Replay {
        private final String id;
        private final Kind kind;
        private final Instant from;
        private final Instant requestedAt;
        private final Progress progress = new Progress();
        private volatile State state = State.QUEUED;
        private volatile Instant finishedAt;
        private volatile ReplayResult result;
        private volatile String error;

        Replay(String id, Kind kind, Instant from, Instant requestedAt) {
            this.id = id;
            this.kind = kind;
            this.from = from;
            this.requestedAt = requestedAt;
        }

        public String id() {
            return id;
        }

        public Kind kind() {
            return kind;
        }

        public Instant from() {
            return from;
        }

        public Instant requestedAt() {
            return requestedAt;
        }

        public Progress progress() {
            return progress;
        }

        public State state() {
            return state;
        }

        public Instant finishedAt() {
            return finishedAt;
        }

        /** Null until done. */
        public ReplayResult result() {
            return result;
        }

        public String error() {
            return error;
        }
    }

    private final KafkaAccess kafka;
    private final ReplayDeserializers deserializers;
    private final Map<String, Replay> replays = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> new Thread(task, "audit-replay"));

    public Replays(KafkaAccess kafka) {
        this.kafka = kafka;
        this.deserializers = new ReplayDeserializers(kafka.serdes());
    }

    /** @param from where the replay starts in time, or null for the beginning */
    public Replay start(Kind kind, Instant from) {
        Replay replay = new Replay(UUID.randomUUID().toString(), kind, from, Instant.now());
        replays.put(replay.id(), replay);
        runner.execute(() -> run(replay));
        return replay;
    }

    public Optional<Replay> find(String id) {
        return Optional.ofNullable(replays.get(id));
    }

    private void run(Replay replay) {
        replay.state = State.RUNNING;
        try {
            replay.result = switch (replay.kind()) {
                case VERIFY -> ChainCheck.run(kafka.clientConfig(), deserializers, Topics.AUDIT_LOG.name(),
                        replay.from(), replay.progress());
                case REBUILD -> TrailComparison.run(kafka.clientConfig(), deserializers, Topics.AUDIT_LOG.name(),
                        replay.from(), replay.progress());
            };
            replay.state = State.DONE;
        } catch (RuntimeException failure) {
            fail(replay, failure, failure.getMessage());
        } finally {
            replay.finishedAt = Instant.now();
        }
    }

    private static void fail(Replay replay, Throwable failure, String reason) {
        LOG.errorf(failure, "Replay %s (%s) failed", replay.id(), replay.kind());
        replay.error = reason;
        replay.state = State.FAILED;
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
        deserializers.close();
    }
}
