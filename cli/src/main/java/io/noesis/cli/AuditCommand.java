package io.noesis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What an auditor asks audit-service: exit code 0 when all is well, 1 on a broken chain, a difference or an error, 2 on bad usage. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Read, export and verify the audit trail.",
        subcommands = {AuditCommand.Timeline.class, AuditCommand.Export.class, AuditCommand.Verify.class,
                AuditCommand.Replay.class})
class AuditCommand {

    static final int OK = 0;

    @Command(name = "timeline", mixinStandardHelpOptions = true,
            description = "The whole timeline of one episode: who did what, when and why.")
    static class Timeline implements Callable<Integer> {
        @Mixin Connection connection;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "EPISODE_ID") String episodeId;
        @Option(names = "--json", description = "Print audit-service's JSON answer.") boolean json;

        @Override
        public Integer call() throws IOException {
            JsonNode timeline = connection.client().get("audit/episodes/" + Paths.segment(episodeId));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(AuditClient.JSON.writeValueAsString(timeline));
            } else {
                timeline.path("records").forEach(record -> out.printf("%s  #%d  %-18s %-18s %s%n",
                        record.path("time").asText(), record.path("position").asLong(), record.path("actor").asText(),
                        record.path("action").asText(), record.path("summary").asText()));
            }
            out.flush();
            return OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "The audit log over a period, as JSON lines or CSV, streamed to standard output or a file.")
    static class Export implements Callable<Integer> {
        @Mixin Connection connection;
        @Option(names = "--from", description = "First source time included (ISO-8601, e.g. 2026-05-01T00:00:00Z).") String from;
        @Option(names = "--to", description = "First source time excluded (ISO-8601).") String to;
        @Option(names = "--format", defaultValue = "jsonl", description = "jsonl or csv (default: ${DEFAULT-VALUE}).") String format;
        @Option(names = {"-o", "--output"}, description = "Write to this file instead of standard output.") Path output;

        @Override
        public Integer call() throws IOException {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("from", from);
            query.put("to", to);
            query.put("format", format);
            String path = "audit/export?" + AuditClient.query(query);
            if (output == null) {
                connection.client().copy(path, System.out);
            } else {
                try (OutputStream file = Files.newOutputStream(output)) {
                    connection.client().copy(path, file);
                }
            }
            return OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verifies the hash chain of the audit log; exit code 1 names the first broken link.")
    static class Verify extends ReplayCommand {
        Verify() {
            super("verify");
        }

        @Override
        String describe(JsonNode result) {
            if (result.path("intact").asBoolean()) {
                return "intact: " + result.path("checked").asLong() + " record(s) checked";
            }
            JsonNode place = result.path("broken_at");
            return "BROKEN at " + place.path("topic").asText() + " partition " + place.path("partition").asInt()
                    + " offset " + place.path("offset").asLong() + " (position " + result.path("broken_position").asText()
                    + "): " + result.path("reason").asText();
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Rebuilds the trail from the source topics and compares it with the audit log record by record.")
    static class Replay extends ReplayCommand {
        Replay() {
            super("rebuild");
        }

        @Override
        String describe(JsonNode result) {
            if (result.path("matches").asBoolean()) {
                return "matches: " + result.path("compared").asLong() + " record(s) compared";
            }
            JsonNode first = result.path("first_difference");
            JsonNode place = first.path("place");
            return "DIFFERS in " + result.path("differences").asLong() + " record(s); the first at "
                    + place.path("topic").asText() + " partition " + place.path("partition").asInt() + " offset "
                    + place.path("offset").asLong() + ": " + first.path("reason").asText();
        }
    }

    /** Starts a replay, shows its progress on standard error while it runs, and prints its result. */
    abstract static class ReplayCommand implements Callable<Integer> {
        static final Duration POLL = Duration.ofMillis(500);

        @Mixin Connection connection;
        @Spec CommandSpec spec;
        @Option(names = "--from", description = "Start at this time (ISO-8601) instead of the beginning.") String from;
        @Option(names = "--json", description = "Print the finished replay as audit-service's JSON.") boolean json;

        private final String kind;

        ReplayCommand(String kind) {
            this.kind = kind;
        }

        abstract String describe(JsonNode result);

        @Override
        public Integer call() throws IOException, InterruptedException {
            AuditClient client = connection.client();
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("kind", kind);
            if (from != null) {
                request.put("from", from);
            }
            JsonNode replay = client.post("audit/replays", request);
            String path = "audit/replays/" + Paths.segment(replay.path("id").asText());
            PrintWriter err = spec.commandLine().getErr();
            boolean progressShown = false;
            while (!finished(replay)) {
                err.printf("\r%s: %s, %d of at most %d record(s) read", kind, replay.path("state").asText(),
                        replay.path("read").asLong(), replay.path("span").asLong());
                err.flush();
                progressShown = true;
                Thread.sleep(POLL.toMillis());
                replay = client.get(path);
            }
            if (progressShown) {
                err.println();
                err.flush();
            }
            return report(replay);
        }

        private static boolean finished(JsonNode replay) {
            String state = replay.path("state").asText();
            return "done".equals(state) || "failed".equals(state);
        }

        private int report(JsonNode replay) throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(AuditClient.JSON.writeValueAsString(replay));
            } else if ("failed".equals(replay.path("state").asText())) {
                out.println(kind + " failed: " + replay.path("error").asText());
            } else {
                out.println(describe(replay.path("result")));
            }
            out.flush();
            return replay.path("passed").asBoolean(false) ? OK : NoesisCommand.FAILED;
        }
    }
}
