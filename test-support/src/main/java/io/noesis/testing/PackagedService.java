package io.noesis.testing;

import io.noesis.deploy.runtime.HttpProbe;
import io.noesis.deploy.runtime.ManagedProcess;
import io.noesis.deploy.runtime.Ports;
import io.noesis.schemas.TopicSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One process of a packaged service (its quarkus-run.jar) on an HTTP port of its own, against the test broker,
 * registry and token issuer. Several processes of one service share its application id, and so its partitions,
 * as the instances of a deployment do: the way to test what one instance answers for another.
 */
public record PackagedService(ManagedProcess process, int port) {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * Starts the jar as the named process, in a fresh directory under target/instances, and returns once it is
     * ready; properties are the service's own settings for the test (-D options).
     */
    public static PackagedService start(String name, String jar, Map<String, String> properties) {
        Path workDir = freshDirectory(Path.of("target", "instances", name).toAbsolutePath());
        int port = Ports.freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-Dquarkus.http.port=" + port,
                "-Dkafka.bootstrap.servers=" + TestKafka.shared().bootstrapServers(),
                "-Dquarkus.kafka-streams.bootstrap-servers=" + TestKafka.shared().bootstrapServers(),
                "-Dnoesis.registry.url=" + TestRegistry.shared().registryUrl(),
                "-Dmp.jwt.verify.publickey.location=" + TestTokens.publicKeyLocation(),
                "-Dmp.jwt.verify.issuer=" + TestTokens.issuerName(),
                "-Dnoesis.state-dir=" + workDir.resolve("state")));
        // One broker: Kafka Streams' own topics can have a single replica only.
        TopicSettings.SINGLE_BROKER.serviceProperties().forEach((key, value) -> command.add("-D" + key + "=" + value));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar));
        ManagedProcess process = ManagedProcess.start(name, command, workDir, workDir.resolve(name + ".log"));
        PackagedService instance = new PackagedService(process, port);
        process.awaitReady(() -> HttpProbe.answersOk(instance.url("/q/health/ready")), START_TIMEOUT);
        return instance;
    }

    public void stop() {
        process.stop(Duration.ofSeconds(10));
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /**
     * The attempt's first result, tried again until the timeout: instances that share partitions settle after
     * they start, and right after a rebalance an instance may answer 503 for a moment.
     */
    public static <T> T await(String what, Duration timeout, Supplier<Optional<T>> attempt) {
        Instant giveUp = Instant.now().plus(timeout);
        while (Instant.now().isBefore(giveUp)) {
            Optional<T> result = attempt.get();
            if (result.isPresent()) {
                return result.get();
            }
            sleep();
        }
        throw new AssertionError("gave up waiting for " + what);
    }

    private static Path freshDirectory(Path directory) {
        try {
            if (Files.exists(directory)) {
                try (Stream<Path> old = Files.walk(directory)) {
                    old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
