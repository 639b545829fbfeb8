package io.noesis.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
    /** Written and read at once, so that the broker appends and serves reads together as it does for the system. */
    static final String WRITTEN_WHILE_READING = "bench.raw.written-while-reading";
    static final Set<String> TOPICS = Set.of(TOPIC, WRITTEN_WHILE_READING);
    private static final Pattern RATE = Pattern.compile("([0-9.]+) records/sec");
    /** ConsumerPerformance's closing line; the last field is records/s over the time spent fetching, its group join left out. */
    private static final Pattern CONSUMER_TOTALS = Pattern.compile(
            "^[^,]+, [^,]+, [0-9.]+, [0-9.]+, ([0-9]+), [0-9.]+, [0-9]+, [0-9]+, [0-9.]+, ([0-9.]+)$", Pattern.MULTILINE);
    private static final Pattern PERCENTILES = Pattern.compile("50th = ([0-9.]+), 99th = ([0-9.]+)");

    private final String bootstrapServers;
    private final String toolsClasspath;
    private final Path workDir;
    private final int batchSize;

    RawKafkaBaseline(String bootstrapServers, String toolsClasspath, Path workDir, int batchSize) {
        this.bootstrapServers = bootstrapServers;
        this.toolsClasspath = toolsClasspath;
        this.workDir = workDir;
        this.batchSize = batchSize;
    }

    void createTopics(int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = TOPICS.stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, (short) 1)).toList();
            admin.createTopics(missing).all().get();
        }
    }

    /** ProducerPerformance into {@link #TOPIC}: records per second with acks=all and the given batch size. */
    double producerRate(int records, int recordSize) {
        return producerRate(TOPIC, records, recordSize);
    }

    /** Records per second written and read at once: what the broker moves when, like the system, it does both. */
    record WrittenWhileReading(double written, double read) {
        /**
         * Each record written and read once. A reader that joined late reads its backlog faster than records
         * are written, but a pipe moves no more than it is given, so the reads count at most the writes' pace.
         */
        double moved() {
            return written + Math.min(read, written);
        }
    }

    /**
     * ProducerPerformance writes while ConsumerPerformance reads each record back as it arrives, as a service
     * reads what the one before it wrote; each tool times itself (the consumer's group join left out).
     */
    WrittenWhileReading writtenWhileReading(int records, int recordSize) {
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> run("org.apache.kafka.tools.ConsumerPerformance",
                "--bootstrap-server", bootstrapServers, "--topic", WRITTEN_WHILE_READING, "--messages", Integer.toString(records),
                "--timeout", "60000"));
        double written = producerRate(WRITTEN_WHILE_READING, records, recordSize);
        return new WrittenWhileReading(written, consumerRate(reader.join(), records));
    }

    /** ConsumerPerformance's records per second, once it has read them all. */
    static double consumerRate(String out, int records) {
        Matcher totals = CONSUMER_TOTALS.matcher(out);
        if (!totals.find() || Long.parseLong(totals.group(1)) < records) {
            throw new IllegalStateException("ConsumerPerformance did not read " + records + " records:\n" + out);
        }
        return Double.parseDouble(totals.group(2));
    }

    private double producerRate(String topic, int records, int recordSize) {
        String out = run("org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records",
                Integer.toString(records), "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all", "linger.ms=5",
                "batch.size=" + batchSize);
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
