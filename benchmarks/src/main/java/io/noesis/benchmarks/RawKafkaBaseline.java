package io.noesis.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The broker's own limit on this machine, measured with Kafka's perf tools (kafka-tools) against the
 * same broker in the same run, so the system's figures can be read against it.
 */
final class RawKafkaBaseline {

    static final String TOPIC = "bench.raw";
    private static final Pattern RATE = Pattern.compile("([0-9.]+) records/sec");
    private static final Pattern PERCENTILES = Pattern.compile("50th = ([0-9.]+), 99th = ([0-9.]+)");

    private final String bootstrapServers;
    private final String toolsClasspath;
    private final Path workDir;

    RawKafkaBaseline(String bootstrapServers, String toolsClasspath, Path workDir) {
        this.bootstrapServers = bootstrapServers;
        this.toolsClasspath = toolsClasspath;
        this.workDir = workDir;
    }

    void createTopic(int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
            }
        }
    }

    /** ProducerPerformance: records per second with acks=all. */
    double producerRate(int records, int recordSize) {
        String out = run("org.apache.kafka.tools.ProducerPerformance", "--topic", TOPIC, "--num-records",
                Integer.toString(records), "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all", "linger.ms=5");
        // The last line is the total for the whole run; earlier lines are progress windows.
        Matcher rate = RATE.matcher(out);
        String total = null;
        while (rate.find()) {
            total = rate.group(1);
        }
        if (total == null) {
            throw new IllegalStateException("ProducerPerformance printed no rate:\n" + out);
        }
        return Double.parseDouble(total);
    }

    /** EndToEndLatency with acks=all: {p50, p99} in milliseconds. */
    double[] endToEndLatency(int messages, int size) {
        // Kafka 4.1's EndToEndLatency takes positional arguments: brokers topic messages acks size.
        String out = run("org.apache.kafka.tools.EndToEndLatency", bootstrapServers, TOPIC,
                Integer.toString(messages), "all", Integer.toString(size));
        Matcher m = PERCENTILES.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("EndToEndLatency printed no percentiles:\n" + out);
        }
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    private String run(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", toolsClasspath, mainClass));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile(workDir, "perf", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int exit = process.waitFor();
            String out = Files.readString(log);
            if (exit != 0) {
                throw new IllegalStateException(mainClass + " exited " + exit + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
