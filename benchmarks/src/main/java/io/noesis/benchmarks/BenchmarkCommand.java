package io.noesis.benchmarks;

import io.noesis.deploy.runtime.LocalStack;
import io.noesis.deploy.runtime.Service;
import io.noesis.deploy.runtime.StackSettings;
import io.noesis.schemas.TopicSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * benchmarks/run: starts its own stack (fresh data, random ports) once per run, measures the raw
 * broker and the system on it, and writes docs/benchmarks.md. The heavy figures (decisions, a queue
 * of many pending approvals, memory under that load) are taken on the last run's stack.
 */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
        description = "Measures Noesis Approvals against the raw Kafka broker on this machine and writes a report.")
public class BenchmarkCommand implements Callable<Integer> {

    /** A low rate's decisions are timed for this long at most: enough samples, without minutes of waiting. */
    private static final int SECONDS_PER_RATE = 30;

    @Option(names = "--home", defaultValue = "${env:NOESIS_HOME:-.}", description = "The project checkout.")
    Path home;
    @Option(names = "--out", defaultValue = "docs/benchmarks.md", description = "The report (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--runs", defaultValue = "3") int runs;
    @Option(names = "--episodes", defaultValue = "5000", description = "Episodes per throughput run.") int episodes;
    /** A fresh stack runs on code the JIT has not compiled yet; the target is the sustained rate. */
    @Option(names = "--warmup-episodes", defaultValue = "5000",
            description = "Episodes run through each fresh stack, and timed apart, before the throughput run (default: ${DEFAULT-VALUE}).")
    int warmupEpisodes;
    /** The warm-up episodes need no approval, so the rounds' and the decisions' code is still cold after them. */
    @Option(names = "--warmup-decisions", defaultValue = "1000",
            description = "Rounds opened and approved at the highest --rate on each stack, and timed apart, before the rounds and decisions are timed (default: ${DEFAULT-VALUE}).")
    int warmupDecisions;
    /** A lone round commits at each hop, code that rounds opened in bulk seldom run. */
    @Option(names = "--warmup-rounds", defaultValue = "100",
            description = "Rounds sent one at a time on each stack, and timed apart, before the rounds timed to the queue (default: ${DEFAULT-VALUE}).")
    int warmupRounds;
    @Option(names = "--raw-records", defaultValue = "300000",
            description = "Records of 200 B the raw producer writes, alone and again while a consumer reads them back (default: ${DEFAULT-VALUE}).")
    int rawRecords;
    @Option(names = "--visibility-samples", defaultValue = "200", description = "Rounds timed to the queue, per run.")
    int visibilitySamples;
    @Option(names = "--decisions", defaultValue = "1000",
            description = "Decisions timed per rate and run, at most " + SECONDS_PER_RATE + " s of each rate (default: ${DEFAULT-VALUE}).")
    int decisions;
    /**
     * The target is set at 200 decisions/s. 5/s shows what an approver clicking alone waits for (the judge commits
     * a lone decision's command at once), 50/s the decisions close enough together to share the commits.
     */
    @Option(names = "--rate", split = ",", defaultValue = "5,50,200",
            description = "Decision rates per second, each measured in turn (default: ${DEFAULT-VALUE}).") List<Integer> rates;
    @Option(names = "--pending", defaultValue = "100000", description = "Pending approvals for the list figure.") int pending;
    @Option(names = "--list-requests", defaultValue = "1000") int listRequests;
    /** The first replay after a start runs on code the JIT has not compiled yet; the later ones show the steady rate. */
    @Option(names = "--replays", defaultValue = "3",
            description = "Times each audit replay (verify, rebuild) runs on the last run's stack (default: ${DEFAULT-VALUE}).")
    int replays;
    @Option(names = "--set", description = "A configuration property for every service, e.g. --set kafka-streams.commit.interval.ms=50.")
    Map<String, String> serviceProperties = new LinkedHashMap<>();
    @Option(names = "--profile-dir", description = "Record a JFR profile of each service during the throughput runs and, apart, the timed decisions and the audit replays, into this folder.")
    Path profileDir;

    @Override
    public Integer call() throws Exception {
        Results results = new Results();
        for (int run = 1; run <= runs; run++) {
            System.out.printf("run %d of %d%n", run, runs);
            Path dataDir = Files.createTempDirectory("noesis-bench");
            LocalStack stack = new LocalStack(StackSettings.randomPorts(home.toAbsolutePath().normalize(), dataDir, serviceProperties),
                    message -> System.out.println("  " + message));
            // An interrupted run (Ctrl-C) must not leave the broker, the registry and four services behind.
            Thread stopOnExit = new Thread(stack::stop);
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            long start = System.nanoTime();
            stack.start();
            try {
                results.startupSeconds.add((System.nanoTime() - start) / 1e9);
                measureRun(stack, dataDir, results, run == runs);
            } finally {
                stack.stop();
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            }
            // A run leaves a few hundred MB of logs and state; a failed run's stay, to be read.
            Utils.delete(dataDir.toFile());
        }
        new Report(this, results).write(home.resolve(out));
        System.out.println("Wrote " + home.resolve(out));
        return 0;
    }

    private void measureRun(LocalStack stack, Path dataDir, Results results, boolean lastRun) throws Exception {
        results.topics = stack.settings().topics();
        RawKafkaBaseline raw = new RawKafkaBaseline(stack.broker().bootstrapServers(),
                home.resolve("benchmarks/target/lib") + "/*", dataDir, rawBatchSize());
        raw.createTopics(6);
        results.rawProducerRate.add(raw.producerRate(rawRecords, 200));
        double[] e2e = raw.endToEndLatency(5000, 200);
        results.rawLatencyP50.add(e2e[0]);
        results.rawLatencyP99.add(e2e[1]);
        RawKafkaBaseline.WrittenWhileReading both = raw.writtenWhileReading(rawRecords, 200);
        results.rawWrittenWhileReading.add(both.written());
        results.rawReadWhileWriting.add(both.read());
        results.rawMoved.add(both.moved());

        try (ConsumerLag lag = new ConsumerLag(stack.broker().bootstrapServers());
             EpisodeBenchmarks system = new EpisodeBenchmarks(stack, lag)) {
            measureSystem(stack, system, lag, results, lastRun);
        }
    }

    /**
     * The raw producer batches as the services' Streams producers do (a `--set` for them included): with Kafka's
     * 16 KB batches it wrote a sixth to a third fewer records a second than with the services' 64 KB.
     */
    int rawBatchSize() {
        String set = serviceProperties.get("kafka-streams." + StreamsSettings.PRODUCER_BATCH_SIZE);
        return set != null ? Integer.parseInt(set) : StreamsSettings.of(home).producerBatchSize();
    }

    private void measureSystem(LocalStack stack, EpisodeBenchmarks system, ConsumerLag lag, Results results, boolean lastRun)
            throws Exception {
        if (warmupEpisodes > 0) {
            double warmup = system.pipelineThroughput(warmupEpisodes).episodesPerSecond();
            results.warmupEpisodesPerSecond.add(warmup);
            System.out.printf("  warm-up: %.0f episodes/s%n", warmup);
        }
        FlightRecordings recordings = FlightRecordings.start(stack, profileDir);
        EpisodeBenchmarks.Throughput throughput = system.pipelineThroughput(episodes);
        recordings.stop();
        results.episodesPerSecond.add(throughput.episodesPerSecond());
        results.recordsWrittenPerSecond.add(throughput.episodesPerSecond() * throughput.writtenPerEpisode());
        results.recordsWrittenPerEpisode.add(throughput.writtenPerEpisode());
        results.recordsReadPerEpisode.add(throughput.readPerEpisode());
        results.movedPerSecond.add(throughput.movedPerSecond());
        System.out.printf("  %.0f episodes/s, %.1f records written and %.1f read per episode (raw producer %.0f records/s;"
                + " written and read at once %.0f records/s)%n", throughput.episodesPerSecond(), throughput.writtenPerEpisode(),
                throughput.readPerEpisode(), results.rawProducerRate.latest(), results.rawMoved.latest());
        warmUpApprovalPath(system, results);
        // Every run: one run's latencies follow what the shared machine did in that minute.
        results.visibility.addAll(system.approvalVisibility(visibilitySamples));
        FlightRecordings decisionRecordings = FlightRecordings.start(stack, profileDir);
        for (int rate : rates) {
            EpisodeBenchmarks.Decisions timed = system.decisionToResume(Math.min(decisions, rate * SECONDS_PER_RATE), rate);
            results.decisionToResume.computeIfAbsent(rate, any -> new Samples()).addAll(timed.latencies());
            results.decisionCommits.merge(rate, timed.commits(), CommitTimes::plus);
        }
        decisionRecordings.stop();
        if (lastRun) {
            results.pendingList.addAll(system.pendingListLatency(pending, listRequests));
            for (Service service : Service.values()) {
                long pid = stack.process(service).orElseThrow().pid();
                results.rssMegabytes.put(service, ProcessMemory.rssMegabytes(pid));
                // Empty unless the service runs with Native Memory Tracking (JAVA_TOOL_OPTIONS=-XX:NativeMemoryTracking=summary).
                ProcessMemory.nativeMemoryMegabytes(pid).ifPresent(breakdown -> results.nativeMemory.put(service, breakdown));
            }
            // The replays compare the trail with the topics, so audit-service must have read them all first.
            lag.awaitCaughtUp();
            AuditBenchmarks audit = new AuditBenchmarks(stack);
            FlightRecordings replayRecordings = FlightRecordings.start(stack, profileDir);
            for (int replay = 1; replay <= replays; replay++) {
                AuditBenchmarks.ReplayFigure verify = audit.verify();
                AuditBenchmarks.ReplayFigure rebuild = audit.rebuild();
                results.auditVerify.add(verify);
                results.auditRebuild.add(rebuild);
                System.out.printf("  audit verify %,.0f records/s, rebuild %,.0f records/s%n",
                        verify.recordsPerSecond(), rebuild.recordsPerSecond());
            }
            replayRecordings.stop();
            results.auditRssAfterReplays = ProcessMemory.rssMegabytes(stack.process(Service.AUDIT).orElseThrow().pid());
        }
    }

    /** Runs the code of rounds and decisions until the JIT has compiled it, timing that apart, as the warm-up episodes do for the pipeline. */
    private void warmUpApprovalPath(EpisodeBenchmarks system, Results results) throws Exception {
        if (warmupDecisions > 0) {
            results.warmupDecisionToResume.addAll(system.decisionToResume(warmupDecisions, Collections.max(rates)).latencies());
        }
        if (warmupRounds > 0) {
            results.warmupVisibility.addAll(system.approvalVisibility(warmupRounds));
        }
    }

    /** Everything measured, across runs. */
    static final class Results {
        TopicSettings topics;
        final Samples startupSeconds = new Samples();
        final Samples rawProducerRate = new Samples();
        final Samples rawLatencyP50 = new Samples();
        final Samples rawLatencyP99 = new Samples();
        final Samples rawWrittenWhileReading = new Samples();
        final Samples rawReadWhileWriting = new Samples();
        final Samples rawMoved = new Samples();
        final Samples warmupEpisodesPerSecond = new Samples();
        final Samples episodesPerSecond = new Samples();
        final Samples recordsWrittenPerSecond = new Samples();
        final Samples recordsWrittenPerEpisode = new Samples();
        final Samples recordsReadPerEpisode = new Samples();
        /** Records written and read per second. */
        final Samples movedPerSecond = new Samples();
        final Samples warmupDecisionToResume = new Samples();
        final Samples warmupVisibility = new Samples();
        final Samples visibility = new Samples();
        /** By decisions per second. */
        final Map<Integer, Samples> decisionToResume = new TreeMap<>();
        /** By decisions per second: approval-service's exactly-once commits while those decisions ran, every run's pooled. */
        final Map<Integer, CommitTimes> decisionCommits = new TreeMap<>();
        final Samples pendingList = new Samples();
        final Map<Service, Double> rssMegabytes = new EnumMap<>(Service.class);
        /** audit-service's, once the replays (which hold more than the live trail does) have run. */
        Double auditRssAfterReplays;
        /** By service, when the services run with Native Memory Tracking: committed megabytes by JVM category. */
        final Map<Service, Map<String, Double>> nativeMemory = new EnumMap<>(Service.class);
        /** In the order they ran: the first after the start, then the repeats. */
        final List<AuditBenchmarks.ReplayFigure> auditVerify = new ArrayList<>();
        final List<AuditBenchmarks.ReplayFigure> auditRebuild = new ArrayList<>();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchmarkCommand()).execute(args));
    }
}
