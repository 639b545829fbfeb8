package io.noesis.service.streams;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Kafka Streams client over a real state directory; it is never started, so no broker is needed:
 * what matters is which task state survives to the start.
 */
class CrashSafeLocalStateTest {

    private static final String APPLICATION_ID = "crash-safe-test";

    @TempDir
    Path stateDir;
    private KafkaStreams streams;

    @AfterEach
    void closeClient() {
        if (streams != null) {
            streams.close();
        }
    }

    @Test
    void aFirstStartKeepsTheLocalStateAndMarksTheRun() throws Exception {
        Path taskState = taskStateLeftBehind();
        CrashSafeLocalState localState = new CrashSafeLocalState(client(), stateDir, APPLICATION_ID);

        localState.beforeStart();

        assertTrue(Files.exists(taskState), "state that no crashed run left behind is kept");
        assertTrue(Files.exists(marker()), "the run is marked while the client runs");
    }

    @Test
    void aStartAfterACrashWipesTheTaskState() throws Exception {
        Path taskState = taskStateLeftBehind();
        Files.writeString(marker(), "4242");
        CrashSafeLocalState localState = new CrashSafeLocalState(client(), stateDir, APPLICATION_ID);

        localState.beforeStart();

        assertFalse(Files.exists(taskState), "a crashed run's task state may hold aborted writes, so it goes");
        assertTrue(Files.exists(marker()), "the new run is marked");
    }

    @Test
    void aCleanCloseRemovesTheMarkSoTheNextStartKeepsTheState() throws Exception {
        CrashSafeLocalState localState = new CrashSafeLocalState(client(), stateDir, APPLICATION_ID);
        localState.beforeStart();

        streams.close();
        localState.afterClose();

        assertFalse(Files.exists(marker()), "a clean close leaves no mark");
        Path taskState = taskStateLeftBehind();
        streams = null;
        new CrashSafeLocalState(client(), stateDir, APPLICATION_ID).beforeStart();
        assertTrue(Files.exists(taskState), "state checkpointed by a clean close is kept");
    }

    @Test
    void aClientThatHasNotClosedKeepsTheMark() {
        CrashSafeLocalState localState = new CrashSafeLocalState(client(), stateDir, APPLICATION_ID);
        localState.beforeStart();

        localState.afterClose();

        assertTrue(Files.exists(marker()), "a client that did not reach NOT_RUNNING may leave dirty state");
    }

    private KafkaStreams client() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("input", Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("store"));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        streams = new KafkaStreams(builder.build(), config);
        return streams;
    }

    /** A task directory with a store file and a checkpoint, as a run leaves them. */
    private Path taskStateLeftBehind() throws Exception {
        Path task = Files.createDirectories(stateDir.resolve(APPLICATION_ID).resolve("0_0"));
        Files.createDirectories(task.resolve("rocksdb").resolve("store"));
        Files.writeString(task.resolve("rocksdb").resolve("store").resolve("000001.sst"), "rows");
        return Files.writeString(task.resolve(".checkpoint"), "0\n1\ninput-store-changelog 0 12\n");
    }

    private Path marker() {
        return stateDir.resolve(APPLICATION_ID).resolve(CrashSafeLocalState.RUNNING_MARKER);
    }
}
