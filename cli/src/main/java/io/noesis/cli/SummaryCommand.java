package io.noesis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.noesis.deploy.runtime.Service;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** An episode's summary: GET /episodes/{id}/summary. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "An episode's summary: its status, what the policies said, and who approved or rejected it.")
final class SummaryCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "EPISODE_ID")
    String episodeId;

    @Override
    public Integer call() {
        JsonNode summary = NoesisCommand.of(spec).client(Service.EPISODE, spec)
                .get("episodes/" + Paths.segment(episodeId) + "/summary");
        Output.of(spec).print(summary, out -> readable(summary, out));
        return ExitCodes.OK;
    }

    private static void readable(JsonNode summary, PrintWriter out) {
        field(out, "episode", summary.path("episode_id"));
        field(out, "task", summary.path("task"));
        field(out, "status", summary.path("status"));
        field(out, "requested by", summary.path("requested_by"));
        field(out, "environment", summary.path("environment"));
        StringBuilder tags = new StringBuilder();
        summary.path("tags").properties().forEach(tag -> tags.append(tags.length() == 0 ? "" : ", ")
                .append(tag.getKey()).append('=').append(Output.text(tag.getValue())));
        if (tags.length() > 0) {
            out.printf("%-14s %s%n", "tags", tags);
        }
        field(out, "parent", summary.path("parent_episode_id"));
        JsonNode flags = summary.path("flags");
        if (flags.path("requires_approval").asBoolean()) {
            out.printf("%-14s %s%n", "approval", "required");
        }
        field(out, "risk", flags.path("risk_reason"));
        field(out, "action", flags.path("proposed_action"));
        summary.path("interventions").forEach(intervention -> out.printf("%-14s %s %s: %s%n", "intervention",
                intervention.path("policy").asText(), intervention.path("policy_version").asText(),
                Output.text(intervention.path("advice"))));
        JsonNode approvals = summary.path("approvals");
        if (!approvals.path("approvers").isEmpty()) {
            out.printf("%-14s %s%s%n", "decided by", Output.list(approvals.path("approvers")),
                    approvals.path("reason").isTextual() ? ": " + approvals.path("reason").asText() : "");
        }
        field(out, "created", summary.path("created_at"));
        field(out, "updated", summary.path("updated_at"));
    }

    /** A line for a field that has a value; nothing for one that has none. */
    private static void field(PrintWriter out, String name, JsonNode value) {
        String text = Output.text(value);
        if (!text.isEmpty()) {
            out.printf("%-14s %s%n", name, text);
        }
    }
}
