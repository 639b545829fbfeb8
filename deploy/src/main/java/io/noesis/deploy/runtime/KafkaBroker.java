package io.noesis.deploy.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A one-node Apache Kafka broker in KRaft mode (broker and controller in one process), run from the
 * Maven Central jars with the deploy module's classpath. Its log directory survives restarts.
 */
public final class KafkaBroker {

    public static final String NAME = "kafka";

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final String classpath;

    public KafkaBroker(Path dataDir, int port, int controllerPort, String classpath) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = classpath;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public ManagedProcess start(Path runDir, Path logDir) {
        Path config = writeConfig();
        if (!isFormatted(dataDir)) {
            format(NAME, dataDir, config, logDir, Uuid.randomUuid().toString(), "--standalone");
        }
        return startNode(NAME, classpath, dataDir, config, runDir, logDir);
    }

    public void awaitReady(ManagedProcess process, Duration timeout) {
        process.awaitReady(() -> Ports.isListening(port) && answersMetadata(bootstrapServers(), 1), timeout);
    }

    /** A node of a KRaft cluster (this one-node broker or a {@link KafkaCluster}'s), started on its configuration. */
    static ManagedProcess startNode(String name, String classpath, Path dataDir, Path config, Path runDir, Path logDir) {
        List<String> jvmOptions = List.of("-Xmx512m", "-Xms256m");
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(ClassDataSharing.jvmOptions(NAME, jvmOptions, classpath));
        command.addAll(List.of("-Dlog4j2.configurationFile=" + writeLoggingConfig(dataDir),
                "-cp", classpath, "kafka.Kafka", config.toString()));
        return ManagedProcess.start(name, command, runDir, logDir.resolve(name + ".log"));
    }

    /** True once the cluster behind bootstrapServers has at least the given number of brokers registered. */
    static boolean answersMetadata(String bootstrapServers, int brokers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000))) {
            return admin.describeCluster().nodes().get().size() >= brokers;
        } catch (Exception notYet) {
            return false;
        }
    }

    static boolean isFormatted(Path dataDir) {
        return Files.exists(dataDir.resolve("logs/meta.properties"));
    }

    /**
     * Formats a node's log directory for the cluster id; quorumOptions say how the controllers are found
     * (none for a static quorum). Kafka's own storage tool, run in this JVM: a JVM of its own would cost
     * the start a few CPU-seconds on a machine whose cores the broker and the services are waiting for.
     */
    static void format(String name, Path dataDir, Path config, Path logDir, String clusterId, String... quorumOptions) {
        List<String> args = new ArrayList<>(List.of("format", "-t", clusterId, "-c", config.toString()));
        args.addAll(List.of(quorumOptions));
        Path log = logDir.resolve(name + "-format.log");
        int exitCode;
        try (PrintStream out = new PrintStream(newLogFile(log), true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(args.toArray(String[]::new), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Formatting the Kafka log directory failed; see " + log, e);
        }
        if (exitCode != 0 || !isFormatted(dataDir)) {
            throw new IllegalStateException("Formatting the Kafka log directory failed; see " + log);
        }
    }

    private static OutputStream newLogFile(Path log) throws IOException {
        Files.createDirectories(log.getParent());
        return Files.newOutputStream(log);
    }

    private Path writeConfig() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.put("log.dirs", dataDir.resolve("logs").toString());
        props.put("num.partitions", "6");
        // One node: every internal topic has one replica. Without the transaction-log settings an
        // exactly_once_v2 Streams application hangs with no client-side error.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        return store(props, dataDir.resolve("server.properties"));
    }

    private static Path writeLoggingConfig(Path dataDir) {
        Properties props = new Properties();
        props.put("rootLogger.level", "INFO");
        props.put("rootLogger.appenderRef.out.ref", "out");
        props.put("appender.out.type", "Console");
        props.put("appender.out.name", "out");
        props.put("appender.out.layout.type", "PatternLayout");
        props.put("appender.out.layout.pattern", "[%d] %p %m (%c)%n");
        props.put("logger.kafka.name", "kafka");
        props.put("logger.kafka.level", "WARN");
        props.put("logger.apache.name", "org.apache.kafka");
        props.put("logger.apache.level", "WARN");
        props.put("logger.started.name", "kafka.server.KafkaRaftServer");
        props.put("logger.started.level", "INFO");
        return store(props, dataDir.resolve("log4j2.properties"));
    }

    static Path store(Properties props, Path file) {
        try {
            Files.createDirectories(file.getParent());
            try (var out = Files.newBufferedWriter(file)) {
                props.store(out, "written by the Noesis local runtime");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
