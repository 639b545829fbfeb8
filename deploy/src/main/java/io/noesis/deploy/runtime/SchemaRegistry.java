package io.noesis.deploy.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Apicurio Registry, the ready Quarkus application from Maven Central, serving the Confluent-compatible
 * API at /apis/ccompat/v7. With a data directory it keeps its schemas in an H2 file, so schema ids
 * stay valid across restarts; without one it keeps them in memory (tests).
 */
public final class SchemaRegistry {

    public static final String NAME = "schema-registry";

    private final Path registryHome;
    private final int port;
    private final Path storageDir;

    public SchemaRegistry(Path registryHome, int port, Path storageDir) {
        this.registryHome = registryHome;
        this.port = port;
        this.storageDir = storageDir;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The Apicurio v3 API, which the Kafka serdes use. */
    public String registryApiUrl() {
        return url() + "/apis/registry/v3";
    }

    /** The Confluent-compatible API, for clients in other languages. */
    public String confluentApiUrl() {
        return url() + "/apis/ccompat/v7";
    }

    public ManagedProcess start(Path runDir, Path logDir) {
        // The registry answers a few lookups per schema (the serdes cache them), so its JIT need not optimise
        // deeply: C1 alone and the serial collector halve the CPU it takes to start, which the services need.
        List<String> jvmOptions = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        Path runnerJar = runnerJar();
        List<String> command = new ArrayList<>(List.of(KafkaBroker.java()));
        command.addAll(jvmOptions);
        command.addAll(ClassDataSharing.jvmOptions(NAME, jvmOptions, runnerJar.toString()));
        command.addAll(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + port));
        if (storageDir != null) {
            // H2 flushes a commit up to 500 ms later by default; a schema registered just before a crash was lost.
            command.addAll(List.of("-Dapicurio.storage.kind=sql", "-Dapicurio.storage.sql.kind=h2",
                    "-Dapicurio.datasource.url=jdbc:h2:file:" + storageDir.resolve("registry")
                            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"));
        }
        command.addAll(List.of("-jar", runnerJar.toString()));
        return ManagedProcess.start(NAME, command, runDir, logDir.resolve("schema-registry.log"));
    }

    public void awaitReady(ManagedProcess process, Duration timeout) {
        process.awaitReady(() -> HttpProbe.answersOk(url() + "/health/ready"), timeout);
    }

    private Path runnerJar() {
        try (Stream<Path> files = Files.list(registryHome)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No Apicurio Registry in " + registryHome
                            + "; build the project first (./mvnw -DskipTests install)"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("No Apicurio Registry in " + registryHome
                    + "; build the project first (./mvnw -DskipTests install)", e);
        }
    }
}
