package io.noesis.episode.streams;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noesis.episode.domain.EpisodeFilter;
import io.noesis.episode.domain.EpisodeLifecycle;
import io.noesis.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpisodeQueriesTest {

    @Test
    void answersUnavailableWhileKafkaStreamsIsNotRunning(@TempDir Path stateDir) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "episode-queries-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (KafkaStreams notStarted = new KafkaStreams(
                EpisodeTopology.build(TestRegistry.shared().serdes(), new EpisodeLifecycle(Duration.ofHours(1))), config)) {
            EpisodeQueries queries = new EpisodeQueries(notStarted, Duration.ofMillis(200));

            assertThatThrownBy(() -> queries.summary("ep-1")).isInstanceOf(StoresUnavailableException.class)
                    .hasMessageContaining("CREATED");
            assertThatThrownBy(() -> queries.newest(EpisodeFilter.ALL, 10, null)).isInstanceOf(StoresUnavailableException.class);
        }
    }
}
