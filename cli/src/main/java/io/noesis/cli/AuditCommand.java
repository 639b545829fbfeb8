package io.noesis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.noesis.deploy.runtime.Service;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What an auditor asks audit-service: a trail, an export, and the verification and replay of the log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Read, export and verify the audit trail (a token with the auditor or admin role).",
        subcommands = {AuditCommand.Timeline.class, AuditCommand.Export.class, AuditCommand.Verify.class,
                AuditCommand.Replay.class},
        footerHeading = "%nExamples:%n",
        footer = {"  noesis audit timeline $EPISODE", "  noesis audit export --from 2026-11-25T00:00:00Z --format csv -o trail.csv",
                "  noesis audit verify && echo intact", "  noesis audit replay --from 2026-11-25T00:00:00Z --json"})
final class AuditCommand {

    @Command(name = "timeline", mixinStandardHelpOptions = true,
            description = "The whole timeline of one episode: who did what, when and why.")
    static final class Timeline implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "EPISODE_ID") String episodeId;

        @Override
        public Integer call() {
            JsonNode timeline = NoesisCommand.of(spec).client(Service.AUDIT, spec)
                    .get("audit/episodes/" + Paths.segment(episodeId));
            Output.of(spec).print(timeline, out -> timeline.path("records").forEach(record -> out.printf(
                    "%s  #%d  %-18s %-18s %s%n", record.path("time").asText(), record.path("position").asLong(),
                    record.path("actor").asText(), record.path("action").asText(), record.path("summary").asText())));
            return ExitCodes.OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "The audit log over a period, as JSON lines or CSV, streamed to standard output or a file "
                    + "(--json changes nothing: choose the format with --format).")
    static final class Export implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--from", paramLabel = "INSTANT",
                description = "First source time included (ISO-8601, e.g. 2026-05-01T00:00:00Z).") String from;
        @Option(names = "--to", paramLabel = "INSTANT", description = "First source time excluded (ISO-8601).") String to;
        @Option(names = "--format", defaultValue = "jsonl", description = "jsonl or csv (default: ${DEFAULT-VALUE}).") String format;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to this file instead of standard output.")
        Path output;
        @Option(names = "--progress", negatable = true,
                description = "Show lines and bytes so far on standard error (default: when it is a terminal "
                        + "and the export does not go to the same terminal).") Boolean progress;

        @Override
        public Integer call() throws IOException {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("from", from);
            query.put("to", to);
            query.put("format", format);
            String path = "audit/export?" + ServiceClient.query(query);
            ServiceClient audit = NoesisCommand.of(spec).client(Service.AUDIT, spec);
            ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), ProgressBar.wanted(progress, output == null));
            try {
                if (output == null) {
                    audit.copy(path, bar.counting(System.out, "export"));
                } else {
                    try (OutputStream file = bar.counting(Files.newOutputStream(output), "export")) {
                        audit.copy(path, file);
                    }
                }
            } finally {
                bar.finish();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verifies the hash chain of the audit log; exit code 1 names the first broken link.")
    static final class Verify extends ReplayCommand {
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
            description = "Rebuilds the trail from the source topics and compares it with the audit log record by record; "
                    + "exit code 1 names the first difference.")
    static final class Replay extends ReplayCommand {
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

        @Spec CommandSpec spec;
        @Option(names = "--from", paramLabel = "INSTANT",
                description = "Start at this time (ISO-8601) instead of the beginning.") String from;
        @Option(names = "--progress", negatable = true,
                description = "Show a progress bar on standard error (default: when it is a terminal).") Boolean progress;

        private final String kind;

        ReplayCommand(String kind) {
            this.kind = kind;
        }

        abstract String describe(JsonNode result);

        @Override
        public Integer call() throws InterruptedException {
            ServiceClient audit = NoesisCommand.of(spec).client(Service.AUDIT, spec);
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("kind", kind);
            if (from != null) {
                request.put("from", from);
            }
            JsonNode replay = audit.post("audit/replays", request).body();
            String path = "audit/replays/" + Paths.segment(replay.path("id").asText());
            ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), ProgressBar.wanted(progress, false));
            try {
                while (!finished(replay)) {
                    bar.show(replay.path("read").asLong(), replay.path("span").asLong(), String.format(
                            "%s %s: %,d of at most %,d record(s) read", kind, replay.path("state").asText(),
                            replay.path("read").asLong(), replay.path("span").asLong()));
                    Thread.sleep(POLL.toMillis());
                    replay = audit.get(path);
                }
            } finally {
                bar.finish();
            }
            JsonNode finished = replay;
            Output.of(spec).print(finished, out -> out.println("failed".equals(finished.path("state").asText())
                    ? kind + " failed: " + finished.path("error").asText()
                    : describe(finished.path("result"))));
            return finished.path("passed").asBoolean(false) ? ExitCodes.OK : ExitCodes.REFUSED;
        }

        private static boolean finished(JsonNode replay) {
            String state = replay.path("state").asText();
            return "done".equals(state) || "failed".equals(state);
        }
    }
}
