package io.noesis.service.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a Kafka Streams client that restarts after a crash rebuild its stores from committed records only.
 *
 * <p>Under exactly_once_v2, Kafka Streams 4.1 leaves on disk the checkpoint it writes when a task has finished
 * restoring (KAFKA-20685, fixed on the 4.2 line). After a crash it trusts that checkpoint and replays the changelog on
 * top of the local RocksDB files, which may hold writes of the transaction the crash aborted, and no committed
 * record undoes them. In the fault test an episode recorded by such a transaction was taken for a repeat after
 * the restart, and its request was lost. A marker file, present while the client runs and removed once it has
 * closed cleanly, tells a crash apart; after one, the local state is wiped before the start.
 */
public final class CrashSafeLocalState {

    private static final Logger LOG = LoggerFactory.getLogger(CrashSafeLocalState.class);
    /** Lives in the application's own state directory, beside Kafka Streams' files, which cleanUp() keeps. */
    static final String RUNNING_MARKER = "noesis-running";

    private final KafkaStreams streams;
    private final Path marker;

    public CrashSafeLocalState(KafkaStreams streams, Path stateDir, String applicationId) {
        this.streams = streams;
        this.marker = stateDir.resolve(applicationId).resolve(RUNNING_MARKER);
    }

    /** Before start(): wipes the local state if the last run did not close cleanly, then marks this run. */
    public void beforeStart() {
        try {
            if (Files.exists(marker)) {
                LOG.warn("The last run did not close Kafka Streams cleanly; wiping the local state in {} so that the"
                        + " stores are restored from committed changelog records only", marker.getParent());
                streams.cleanUp();
            }
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot mark the local state in " + marker.getParent() + " as in use", e);
        }
    }

    /** After close(): a client that closed cleanly has checkpointed committed state only, so the next start keeps it. */
    public void afterClose() {
        if (streams.state() != KafkaStreams.State.NOT_RUNNING) {
            LOG.warn("Kafka Streams did not close cleanly ({}); the next start wipes the local state", streams.state());
            return;
        }
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            LOG.warn("Cannot remove {}; the next start wipes the local state", marker, e);
        }
    }
}
