package io.noesis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.noesis.deploy.runtime.Service;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Approve or reject what waits for a human: POST /approvals/{id}/approve|reject. The approver is the
 * token's subject. The exit code tells the outcome: 0 accepted, 1 refused (the refusal is printed), 4
 * recorded but not judged yet. Each decision carries an id, so repeating it after a lost answer is harmless.
 */
abstract class DecisionCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "EPISODE_ID")
    String episodeId;

    @Option(names = "--decision-id", paramLabel = "ID",
            description = "The decision's idempotency key (default: a new UUID); the same decision sent twice counts once.")
    String decisionId;

    /** approve or reject, as in the API's path. */
    abstract String verb();

    abstract String reason();

    @Override
    public Integer call() {
        String id = decisionId != null ? decisionId : UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        if (reason() != null) {
            body.put("reason", reason());
        }
        body.put("decision_id", id);
        ServiceClient approvals = NoesisCommand.of(spec).client(Service.APPROVAL, spec);
        Output output = Output.of(spec);
        ServiceClient.Answer answer;
        try {
            answer = approvals.post("approvals/" + Paths.segment(episodeId) + "/" + verb(), body);
        } catch (ServiceFailure unreachable) {
            if (unreachable.status() == 0) {
                output.note("Whether the decision arrived is unknown: repeat it with --decision-id " + id);
            }
            throw unreachable;
        }
        JsonNode outcome = answer.body();
        if (answer.status() == 202) {
            output.print(outcome, out -> out.printf("Recorded as decision %s; its outcome is not known yet: "
                    + "see noesis summary %s%n", outcome.path("decision_id").asText(id), episodeId));
            return ExitCodes.NOT_KNOWN_YET;
        }
        output.print(outcome, out -> out.printf("%s (%d of %d approval(s)): %s%n", outcome.path("verdict").asText(),
                outcome.path("approvals").asInt(), outcome.path("required_approvals").asInt(),
                outcome.path("message").asText()));
        return ExitCodes.OK;
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approves what waits in episode EPISODE_ID; once enough approvers have, it resumes.",
            footerHeading = "%nExamples:%n",
            footer = {"  noesis approve $EPISODE --reason \"change ticket 42\"",
                    "  noesis approve $EPISODE --decision-id 7f1c... # repeat a decision whose answer was lost"})
    static final class Approve extends DecisionCommand {

        @Option(names = {"-r", "--reason"}, paramLabel = "TEXT", description = "Why; kept in the audit trail.")
        String reason;

        @Override
        String verb() {
            return "approve";
        }

        @Override
        String reason() {
            return reason;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Rejects what waits in episode EPISODE_ID; the agent is told to stop.",
            footerHeading = "%nExamples:%n",
            footer = "  noesis reject $EPISODE --reason \"not during the freeze\"")
    static final class Reject extends DecisionCommand {

        @Option(names = {"-r", "--reason"}, paramLabel = "TEXT", required = true, description = "Why; required.")
        String reason;

        @Override
        String verb() {
            return "reject";
        }

        @Override
        String reason() {
            return reason;
        }
    }
}
