package io.noesis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.noesis.deploy.runtime.Service;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** approval-service's queue: GET /approvals (pending by deadline, or the decided and expired history) and one approval. */
@Command(name = "approvals", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The approvals waiting for a human, by deadline (or, with --status, the decided or expired ones); "
                + "two lines each: what and who, then why.",
        subcommands = ApprovalsCommand.Show.class,
        footerHeading = "%nExamples:%n",
        footer = {"  noesis approvals --group sre", "  noesis approvals --status decided --search orders --all",
                "  noesis approvals show $EPISODE"})
final class ApprovalsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--status", paramLabel = "STATUS", defaultValue = "pending",
            description = "pending, decided or expired (default: ${DEFAULT-VALUE}).")
    String status;

    @Option(names = {"-g", "--group"}, paramLabel = "GROUP", description = "Only approvals for this approver group.")
    String approverGroup;

    @Option(names = {"-q", "--search"}, paramLabel = "TEXT", description = "Only approvals whose task or reasons hold this text.")
    String text;

    @Mixin
    Listing.PageOptions page;

    @Override
    public Integer call() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("status", status);
        query.put("approver_group", approverGroup);
        query.put("q", text);
        JsonNode approvals = Listing.fetch(NoesisCommand.of(spec).client(Service.APPROVAL, spec), "approvals", query,
                "approvals", page);
        Listing.print(Output.of(spec), approvals, "approvals", ApprovalsCommand::lines, "noesis approvals ...");
        return ExitCodes.OK;
    }

    /** A pending approval, or a decided one (which has an outcome), and its reasons on the next line. */
    private static String lines(JsonNode approval) {
        String first = approval.has("outcome")
                ? String.format("%-36s  %-8s  by %s at %s%s", approval.path("episode_id").asText(),
                        approval.path("outcome").asText(), Output.list(approval.path("approvers")),
                        Output.text(approval.path("closed_at")), Output.optional(": ", approval.path("reason")))
                : String.format("%-36s  %d of %d  group %s  deadline %s", approval.path("episode_id").asText(),
                        approval.path("approvals").asInt(), approval.path("required_approvals").asInt(),
                        orAny(approval.path("approver_group")), orNone(approval.path("deadline")));
        return first + String.format("%n    %s (requested by %s)%n    %s", approval.path("task").asText(),
                approval.path("requested_by").asText(), Output.list(approval.path("reasons")));
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One pending approval: what waits, why, the policies' advice, and the approvals so far.")
    static final class Show implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Parameters(paramLabel = "EPISODE_ID")
        String episodeId;

        @Override
        public Integer call() {
            JsonNode approval = NoesisCommand.of(spec).client(Service.APPROVAL, spec)
                    .get("approvals/" + Paths.segment(episodeId));
            Output.of(spec).print(approval, out -> readable(approval, out));
            return ExitCodes.OK;
        }

        private static void readable(JsonNode approval, PrintWriter out) {
            out.printf("%-14s %s%n", "episode", approval.path("episode_id").asText());
            out.printf("%-14s %s%n", "task", approval.path("task").asText());
            out.printf("%-14s %s%n", "requested by", approval.path("requested_by").asText());
            out.printf("%-14s %s%n", "subject", approval.path("subject").asText());
            JsonNode action = approval.path("action");
            if (action.isObject()) {
                out.printf("%-14s %s%s%n", "action", action.path("action").asText(), Output.optional(" - ", action.path("description")));
            }
            out.printf("%-14s %s%n", "risk score", approval.path("risk_score").asText());
            out.printf("%-14s %d of %d%n", "approvals", approval.path("approvals").asInt(),
                    approval.path("required_approvals").asInt());
            out.printf("%-14s %s%n", "group", orAny(approval.path("approver_group")));
            out.printf("%-14s %s%n", "deadline", orNone(approval.path("deadline")));
            out.printf("%-14s %s%n", "waiting since", Output.text(approval.path("awaiting_since")));
            approval.path("reasons").forEach(reason -> out.printf("%-14s %s%n", "reason", reason.asText()));
            approval.path("interventions").forEach(advice -> out.printf("%-14s %s: %s%s%n", "advice",
                    advice.path("policy").asText(), advice.path("advice").asText(), Output.optional(" - ", advice.path("rationale"))));
        }
    }


    private static String orAny(JsonNode group) {
        String text = Output.text(group);
        return text.isEmpty() ? "any" : text;
    }

    private static String orNone(JsonNode deadline) {
        String text = Output.text(deadline);
        return text.isEmpty() ? "none" : text;
    }
}
