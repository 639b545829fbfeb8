package io.noesis.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a service's exactly-once commits spent their time over a stretch of a run, from the Kafka
 * Streams metrics it publishes at /q/metrics: how many commits, and per commit the producer's flush
 * of what the transaction wrote, the consumer offsets sent into the transaction (TxnOffsetCommit)
 * and the commit itself (EndTxn). A RESUME is readable only once its commit has ended, so these
 * times are a floor under the decision latency.
 */
record CommitTimes(double commits, double seconds, double flushNanos, double offsetsNanos, double commitNanos) {

    static final CommitTimes NONE = new CommitTimes(0, 0, 0, 0, 0);

    /** One line of the Prometheus text format: a metric, its labels, its value. */
    private static final Pattern METRIC = Pattern.compile("^(kafka_[a-z_]+)\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);

    /** The stream threads' totals at one moment. */
    record Snapshot(long nanoTime, double commits, double flushNanos, double offsetsNanos, double commitNanos) {

        static Snapshot read(HttpClient http, String serviceUrl) throws Exception {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/q/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (metrics.statusCode() != 200) {
                throw new IllegalStateException(serviceUrl + "/q/metrics answered " + metrics.statusCode());
            }
            return parse(System.nanoTime(), metrics.body());
        }

        /** Sums over the stream threads; other producers (an API's) are not in the transactions. */
        static Snapshot parse(long nanoTime, String prometheusText) {
            double commits = 0, flush = 0, offsets = 0, commit = 0;
            Matcher line = METRIC.matcher(prometheusText);
            while (line.find()) {
                if (!line.group(2).contains("-StreamThread-")) {
                    continue;
                }
                double value = Double.parseDouble(line.group(3));
                switch (line.group(1)) {
                    case "kafka_stream_thread_commit_total" -> commits += value;
                    case "kafka_producer_flush_time_ns_total" -> flush += value;
                    case "kafka_producer_txn_send_offsets_time_ns_total" -> offsets += value;
                    case "kafka_producer_txn_commit_time_ns_total" -> commit += value;
                    default -> { }
                }
            }
            return new Snapshot(nanoTime, commits, flush, offsets, commit);
        }
    }

    static CommitTimes between(Snapshot before, Snapshot after) {
        return new CommitTimes(after.commits() - before.commits(), (after.nanoTime() - before.nanoTime()) / 1e9,
                after.flushNanos() - before.flushNanos(), after.offsetsNanos() - before.offsetsNanos(),
                after.commitNanos() - before.commitNanos());
    }

    /** Both stretches together, as if one: the runs' commits pooled. */
    CommitTimes plus(CommitTimes other) {
        return new CommitTimes(commits + other.commits, seconds + other.seconds, flushNanos + other.flushNanos,
                offsetsNanos + other.offsetsNanos, commitNanos + other.commitNanos);
    }

    String describe() {
        if (commits == 0) {
            return "no commits";
        }
        return String.format(Locale.ROOT, "%,.0f commits, %.0f a second; per commit: flush %.1f ms, offsets %.1f ms, commit %.1f ms",
                commits, commits / seconds, perCommitMillis(flushNanos), perCommitMillis(offsetsNanos), perCommitMillis(commitNanos));
    }

    private double perCommitMillis(double nanos) {
        return nanos / commits / 1e6;
    }
}
