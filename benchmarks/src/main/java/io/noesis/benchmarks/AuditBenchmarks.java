package io.noesis.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noesis.deploy.runtime.LocalStack;
import io.noesis.deploy.runtime.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The audit service's replays, through its API as an auditor runs them: "verify" reads the whole audit log
 * and checks its hash chain; "rebuild" replays every source topic into a fresh trail and compares it with
 * the log. Each figure is records read per second, from the replay's own start and finish times.
 */
final class AuditBenchmarks {

    /** One finished replay: what it read, how fast, and, when it did not pass, the replay's own account of why. */
    record ReplayFigure(long records, double recordsPerSecond, boolean passed, String failure) {
    }

    private static final Duration PATIENCE = Duration.ofMinutes(10);
    /**
     * How often the harness asks whether a replay has finished. The figure is timed by audit-service itself
     * (requested_at to finished_at), so asking more often buys no accuracy; at every 50 ms the answers kept
     * audit-service's HTTP event loop at about 9 % of a core during the replays they measure.
     */
    private static final Duration PROGRESS_POLL = Duration.ofMillis(250);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String replaysUrl;
    private final String auditor;

    AuditBenchmarks(LocalStack stack) {
        this.replaysUrl = stack.settings().serviceUrl(Service.AUDIT) + "/audit/replays";
        this.auditor = stack.issuer().mint("bench-auditor", Set.of("auditor"), Set.of(), Duration.ofHours(1));
    }

    /** The whole log's chain verification. */
    ReplayFigure verify() throws Exception {
        return replay("{\"kind\":\"verify\"}");
    }

    /** A rebuild of every source topic from its beginning into a fresh trail, compared with the whole log. */
    ReplayFigure rebuild() throws Exception {
        return replay("{\"kind\":\"rebuild\"}");
    }

    private ReplayFigure replay(String request) throws Exception {
        HttpResponse<String> started = http.send(authorized(URI.create(replaysUrl))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("POST /audit/replays answered " + started.statusCode() + ": " + started.body());
        }
        URI progress = URI.create(started.headers().firstValue("Location").orElseThrow());
        return awaitFinished(progress);
    }

    private ReplayFigure awaitFinished(URI progress) throws Exception {
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(giveUp)) {
            JsonNode replay = json.readTree(http.send(authorized(progress).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (!replay.path("finished_at").isNull() && !replay.path("finished_at").isMissingNode()) {
                return figure(replay);
            }
            Thread.sleep(PROGRESS_POLL.toMillis());
        }
        throw new IllegalStateException("the replay at " + progress + " did not finish");
    }

    private static ReplayFigure figure(JsonNode replay) {
        long records = replay.path("read").asLong();
        Duration took = Duration.between(Instant.parse(replay.path("requested_at").asText()),
                Instant.parse(replay.path("finished_at").asText()));
        double rate = records / (took.toNanos() / 1e9);
        if (!replay.path("error").isNull() && !replay.path("error").isMissingNode()) {
            return new ReplayFigure(records, rate, false, "failed after " + records + " records: "
                    + replay.path("error").asText());
        }
        boolean passed = replay.path("passed").asBoolean();
        return new ReplayFigure(records, rate, passed, passed ? null : replay.path("result").toString());
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + auditor);
    }
}
