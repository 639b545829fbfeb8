package io.noesis.benchmarks;

import io.noesis.benchmarks.BenchmarkCommand.Results;
import io.noesis.deploy.runtime.LocalStack;
import io.noesis.deploy.runtime.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** docs/benchmarks.md: each figure next to its target and the raw broker measured in the same run. */
final class Report {

    private static final int TARGET_DECISION_RATE = 200;

    private final BenchmarkCommand settings;
    private final Results results;

    Report(BenchmarkCommand settings, Results results) {
        this.settings = settings;
        this.results = results;
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render());
    }

    private String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n")
          .append("Measured by `benchmarks/run` (").append(LocalDate.now()).append(") on this project's machine: ")
          .append(Runtime.getRuntime().availableProcessors()).append(" cores, everything co-located (broker, ")
          .append("registry, four services and the load generator), Java ").append(System.getProperty("java.version"))
          .append(". Throughput figures are medians of ").append(settings.runs).append(" runs, each on a fresh stack; ")
          .append("latencies are percentiles of the samples of every run (the queue's page, memory and the audit ")
          .append("replays: on the last run's stack); the raw broker was measured on the same broker in ")
          .append("the same runs. The machine is shared and noisy: read the figures against the baseline. ")
          .append("How the figures were reached, what each change bought and what limits them: ")
          .append("[performance.md](performance.md).\n\n");
        md.append("## Raw Kafka baseline (kafka-tools, same broker, same runs)\n\n")
          .append("| figure | median |\n| --- | --- |\n")
          .append(row("ProducerPerformance, " + settings.rawRecords + " × 200 B, acks=all, `batch.size=" + settings.rawBatchSize()
                          + "` as the services' producers, 6 partitions",
                  fmt(results.rawProducerRate.median()) + " records/s"))
          .append(row("EndToEndLatency, 5,000 × 200 B, acks=all: p50 / p99",
                  fmt(results.rawLatencyP50.median()) + " ms / " + fmt(results.rawLatencyP99.median()) + " ms"))
          .append(row("ProducerPerformance writing " + settings.rawRecords + " × 200 B to another topic while ConsumerPerformance"
                  + " reads each back as it arrives: written / read, and what the pair moved (each record written and read once)",
                  fmt(results.rawWrittenWhileReading.median()) + " / " + fmt(results.rawReadWhileWriting.median())
                          + " records/s; " + fmt(results.rawMoved.median()) + " records/s moved"))
          .append('\n');
        md.append("## The system\n\n| figure | target | measured | met |\n| --- | --- | --- | --- |\n")
          .append(warmupFigure())
          .append(figure("episodes that need no approval, request to COMPLETED (" + settings.episodes + " per run"
                  + (settings.warmupEpisodes > 0 ? ", after the warm-up" : "") + ")",
                  "≥ 5,000 episodes/s", fmt(results.episodesPerSecond.median()) + " episodes/s",
                  results.episodesPerSecond.median() >= 5000))
          .append(figure("records written by that pipeline to every topic (the system's, Kafka Streams' changelogs and"
                  + " repartition topics, consumer offsets, transaction markers)",
                  "vs raw producer " + fmt(results.rawProducerRate.median()) + "/s",
                  fmt(results.recordsWrittenPerSecond.median()) + " records/s ("
                          + fmt(100 * results.recordsWrittenPerSecond.median() / results.rawProducerRate.median()) + " % of raw; "
                          + fmt(results.recordsWrittenPerEpisode.median()) + " per episode)", null))
          .append(figure("records the services read for that pipeline (their consumer groups' committed offsets, transaction"
                  + " markers included)", "–", fmt(results.recordsReadPerEpisode.median()) + " per episode", null))
          .append(figure("records that pipeline moved, written and read", "vs raw writing and reading at once "
                  + fmt(results.rawMoved.median()) + "/s", fmt(results.movedPerSecond.median()) + " records/s ("
                  + fmt(100 * results.movedPerSecond.median() / results.rawMoved.median()) + " % of raw)", null))
          .append(figure("the most episodes/s the raw broker could carry at that many records written and read per episode,"
                  + " writing and reading at once as above, with no processing at all", "–", fmt(rawCeiling()) + " episodes/s", null))
          .append(warmupVisibilityFigure())
          .append(figure("episodes that need approval, request to visible in GET /approvals/{id} (" + results.visibility.count() + " samples"
                  + (settings.warmupRounds > 0 ? ", after the warm-up's rounds" : "") + ")",
                  "p99 ≤ 100 ms", percentiles(results.visibility), results.visibility.percentile(99) <= 100))
          .append(decisionFigures())
          .append(figure("GET /approvals?status=pending&limit=50 with " + settings.pending + " more pending approvals ("
                  + results.pendingList.count() + " requests)", "p99 ≤ 50 ms", percentiles(results.pendingList),
                  results.pendingList.percentile(99) <= 50))
          .append(figure("whole local stack from built jars to all healthy", "≤ 20 s",
                  fmt(results.startupSeconds.median()) + " s", results.startupSeconds.median() <= 20));
        for (Service service : Service.values()) {
            Double rss = results.rssMegabytes.get(service);
            md.append(figure(service.module() + " memory (RSS) after that load", "≤ 300 MB",
                    rss == null ? "not measured" : fmt(rss) + " MB", rss == null ? null : rss <= 300));
        }
        md.append(replayFigure("audit chain verification (POST /audit/replays kind verify)", results.auditVerify));
        md.append(replayFigure("audit replay of every source topic into a fresh trail, compared with the whole log (kind rebuild)",
                results.auditRebuild));
        if (results.auditRssAfterReplays != null) {
            md.append(figure("audit-service memory (RSS) after the replays", "≤ 300 MB",
                    fmt(results.auditRssAfterReplays) + " MB", results.auditRssAfterReplays <= 300));
        }
        md.append(nativeMemoryBreakdown());
        md.append("\n## Settings\n\n")
          .append("- Command: `benchmarks/run --runs ").append(settings.runs).append(" --warmup-episodes ").append(settings.warmupEpisodes)
          .append(" --episodes ").append(settings.episodes).append(" --warmup-decisions ").append(settings.warmupDecisions)
          .append(" --warmup-rounds ").append(settings.warmupRounds)
          .append(" --decisions ").append(settings.decisions).append(" --rate ")
          .append(settings.rates.stream().map(String::valueOf).collect(Collectors.joining(",")))
          .append(" --visibility-samples ").append(settings.visibilitySamples)
          .append(" --pending ").append(settings.pending).append(" --replays ").append(settings.replays)
          .append(settings.serviceProperties.entrySet().stream()
                  .map(property -> " --set " + property.getKey() + "=" + property.getValue()).collect(Collectors.joining()))
          .append("`\n")
          .append("- Services as in the local run: ").append(Arrays.stream(Service.values())
                  .map(service -> service.module() + " `" + String.join(" ", LocalStack.serviceJvmOptions(service)) + "`")
                  .collect(Collectors.joining(", ")))
          .append(".\n- Kafka Streams as the services were built: ").append(StreamsSettings.of(settings.home).describe())
          .append(settings.serviceProperties.isEmpty() ? "" : "; the command's `--set` overrides them in every service")
          .append(".\n- ").append(results.topics.episodePartitions())
          .append(" partitions per episode topic; one KRaft broker (`-Xmx512m`).\n")
          .append("- Requests are produced straight to `noesis.episode.requests` (idempotent producer, acks=all, linger 5 ms); ")
          .append("decisions go through the REST API with a bearer token.\n");
        return md.toString();
    }

    /** Episodes per second if each cost only moving its records, at the rate the raw tools moved theirs. */
    private double rawCeiling() {
        return results.rawMoved.median() / (results.recordsWrittenPerEpisode.median() + results.recordsReadPerEpisode.median());
    }

    /** Committed megabytes by the JVM's own categories, beside the RSS; the rest is memory the JVM did not allocate. */
    private String nativeMemoryBreakdown() {
        if (results.nativeMemory.isEmpty()) {
            return "";
        }
        Set<String> categories = new LinkedHashSet<>();
        results.nativeMemory.values().forEach(breakdown -> categories.addAll(breakdown.keySet()));
        StringBuilder md = new StringBuilder("\n## Memory breakdown (Native Memory Tracking, committed MB, after that load)\n\n")
                .append("| category | ").append(results.nativeMemory.keySet().stream().map(Service::module)
                        .collect(Collectors.joining(" | "))).append(" |\n|")
                .append(" --- |".repeat(results.nativeMemory.size() + 1)).append('\n');
        for (String category : categories) {
            md.append("| ").append(category).append(" | ").append(results.nativeMemory.values().stream()
                    .map(breakdown -> fmt(breakdown.getOrDefault(category, Double.NaN)))
                    .collect(Collectors.joining(" | "))).append(" |\n");
        }
        md.append("| RSS | ").append(results.nativeMemory.keySet().stream().map(service -> fmt(results.rssMegabytes.get(service)))
                .collect(Collectors.joining(" | "))).append(" |\n")
          .append("| RSS minus the JVM's committed total (RocksDB, malloc's arenas; negative where committed pages are not resident) | ").append(results.nativeMemory.entrySet().stream()
                .map(entry -> fmt(results.rssMegabytes.get(entry.getKey()) - entry.getValue().get(ProcessMemory.TOTAL_COMMITTED)))
                .collect(Collectors.joining(" | "))).append(" |\n");
        return md.toString();
    }

    /** The first episodes on a fresh stack, timed apart: they run while the JIT compiles the services' code. */
    private String warmupFigure() {
        return results.warmupEpisodesPerSecond.count() == 0 ? "" : figure(
                "episodes that need no approval, request to COMPLETED, the first " + settings.warmupEpisodes
                        + " after the start (the warm-up)", "–", fmt(results.warmupEpisodesPerSecond.median()) + " episodes/s", null);
    }

    /** The first rounds sent one at a time on each stack, timed apart. */
    private String warmupVisibilityFigure() {
        return results.warmupVisibility.count() == 0 ? "" : figure("episodes that need approval, request to visible, the first "
                + settings.warmupRounds + " rounds sent one at a time on each stack (the warm-up, " + results.warmupVisibility.count()
                + " samples)", "–", percentiles(results.warmupVisibility), null);
    }

    /** The target is set at 200 decisions/s; other rates, and the warm-up's decisions, are shown beside it, unjudged. */
    private String decisionFigures() {
        StringBuilder figures = new StringBuilder();
        if (results.warmupDecisionToResume.count() > 0) {
            figures.append(figure("POST approve to RESUME readable, the first " + settings.warmupDecisions
                    + " decisions on each stack, at " + Collections.max(settings.rates) + " decisions/s (the warm-up, "
                    + results.warmupDecisionToResume.count() + " decisions)", "–", percentiles(results.warmupDecisionToResume), null));
        }
        results.decisionToResume.forEach((rate, samples) -> figures.append(figure(
                "POST approve to RESUME readable (read_committed) on episode.commands, at " + rate + " decisions/s ("
                        + samples.count() + " decisions" + (settings.warmupDecisions > 0 ? ", after the warm-up's decisions" : "") + ")",
                rate == TARGET_DECISION_RATE ? "p50 ≤ 15 ms, p99 ≤ 50 ms" : "– (the target is at " + TARGET_DECISION_RATE + "/s)",
                percentiles(samples),
                rate == TARGET_DECISION_RATE ? samples.median() <= 15 && samples.percentile(99) <= 50 : null))
                .append(figure("approval-service's exactly-once commits while those decisions ran (a RESUME is readable once its"
                        + " commit ends: flush the transaction's records, send the consumer offsets into it, commit)", "–",
                        results.decisionCommits.getOrDefault(rate, CommitTimes.NONE).describe(), null)));
        return figures.toString();
    }

    /**
     * The first replay after the start and the median of the repeats, each on a row of its own: the target is
     * judged on the repeats, as a replay runs on a service that has been up for a while.
     */
    private static String replayFigure(String what, List<AuditBenchmarks.ReplayFigure> replays) {
        if (replays.isEmpty()) {
            return "";
        }
        String replayed = what + ", " + fmt(replays.get(0).records()) + " records";
        if (replays.size() == 1) {
            return replayRow(replayed, replays);
        }
        return figure(replayed + ", the first after the start", "–", rate(replays.subList(0, 1)), null)
                + replayRow(replayed + ", repeated (median of " + (replays.size() - 1) + ")", replays.subList(1, replays.size()));
    }

    private static String replayRow(String what, List<AuditBenchmarks.ReplayFigure> replays) {
        return figure(what, "≥ 200,000 records/s", rate(replays), medianRate(replays) >= 200_000);
    }

    /** The median rate, and every replay that did not pass with its own account of why. */
    private static String rate(List<AuditBenchmarks.ReplayFigure> replays) {
        String failures = replays.stream().filter(replay -> !replay.passed()).map(AuditBenchmarks.ReplayFigure::failure)
                .collect(Collectors.joining("; "));
        return fmt(medianRate(replays)) + " records/s" + (failures.isEmpty() ? "" : " (did NOT pass: " + failures + ")");
    }

    private static double medianRate(List<AuditBenchmarks.ReplayFigure> replays) {
        Samples rates = new Samples();
        replays.forEach(replay -> rates.add(replay.recordsPerSecond()));
        return rates.median();
    }

    private static String percentiles(Samples samples) {
        return "p50 " + fmt(samples.median()) + " ms, p99 " + fmt(samples.percentile(99)) + " ms";
    }

    private static String figure(String what, String target, String measured, Boolean met) {
        return "| " + what + " | " + target + " | " + measured + " | " + (met == null ? "–" : met ? "yes" : "no") + " |\n";
    }

    private static String row(String what, String value) {
        return "| " + what + " | " + value + " |\n";
    }

    private static String fmt(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.1f", value);
    }
}
