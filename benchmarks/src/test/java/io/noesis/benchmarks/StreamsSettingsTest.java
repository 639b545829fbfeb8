package io.noesis.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.noesis.deploy.runtime.Service;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's settings line comes from the configuration inside the built services' jars. */
class StreamsSettingsTest {

    private static final String SHARED = """
            kafka-streams.processing.guarantee=exactly_once_v2
            kafka-streams.commit.interval.ms=100
            kafka-streams.application.server=${quarkus.http.host}:${quarkus.http.port}
            kafka-streams.default.deserialization.exception.handler=io.noesis.schemas.deadletter.DeadLetterHandler
            quarkus.http.host=127.0.0.1
            """;

    @TempDir
    Path home;

    @Test
    void namesTheSharedSettingsEachServicesOwnAndTheDefaultsLeft() throws IOException {
        for (Service service : Service.values()) {
            buildApp(service, "kafka-streams.state.dir=${noesis.state-dir:/tmp/noesis/x}\n" + switch (service) {
                case APPROVAL -> "kafka-streams.commit.interval.ms=20\nkafka-streams.poll.ms=10\n";
                case AUDIT -> "kafka-streams.num.stream.threads=2\n";
                default -> "";
            });
        }

        assertEquals("every service `commit.interval.ms=100`, `default.deserialization.exception.handler=DeadLetterHandler`, "
                        + "`processing.guarantee=exactly_once_v2`; approval-service `commit.interval.ms=20`, `poll.ms=10`; "
                        + "audit-service `num.stream.threads=2`; Kafka Streams' defaults otherwise, among them `producer.linger.ms=100`",
                StreamsSettings.of(home).describe());
    }

    @Test
    void givesTheServicesProducerBatchSizeForTheRawProducer() throws IOException {
        for (Service service : Service.values()) {
            buildApp(service, "");
        }
        assertEquals(16384, StreamsSettings.of(home).producerBatchSize(), "Kafka's default when the services set none");

        buildApp(Service.EPISODE, "", SHARED + "kafka-streams.producer.batch.size=65536\n");
        assertEquals(65536, StreamsSettings.of(home).producerBatchSize());
    }

    /** A service's quarkus-app as the build leaves it: its own jar, and service-support's among the libraries. */
    private void buildApp(Service service, String applicationProperties) throws IOException {
        buildApp(service, applicationProperties, SHARED);
    }

    private void buildApp(Service service, String applicationProperties, String shared) throws IOException {
        Path app = home.resolve(service.module()).resolve("target/quarkus-app");
        jar(app.resolve("app").resolve(service.module() + "-1.0.jar"), "application.properties", applicationProperties);
        jar(app.resolve("lib/main/io.noesis.service-support-1.0.jar"), "META-INF/microprofile-config.properties", shared);
    }

    private static void jar(Path file, String entry, String content) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry(entry));
            jar.write(content.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }
}
