package io.noesis.episode.agent;

import io.noesis.schemas.AgentReport;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.ProposedAction;
import io.noesis.schemas.ReportType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the reference agent does with a command. It runs a task as the steps its text names (split on
 * ';' and ' then '), reporting a STEP for each; a step naming a risky operation is proposed as an action
 * and the run stops until the RESUME naming that action. Every id derives from the command (or the
 * action it answers), so a redelivered command yields the same reports and the episode log recognises them.
 */
public final class ReferenceAgent {

    public static final String NAME = "reference-agent";

    private static final Pattern STEP_SEPARATOR = Pattern.compile(";|\\s+then\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern RISKY = Pattern.compile("\\b(delete|drop|truncate|deploy|rollback)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTION_ID = Pattern.compile("(.+)-step-(\\d+)");
    /** A plan approved by humans as a whole is not proposed again step by step. */
    private static final int EVERY_STEP = Integer.MAX_VALUE;

    /**
     * @param task the episode's task (from the START, or from the episode's REQUESTED event for a RESUME);
     *     needed for START and RESUME only
     */
    public List<AgentReport> reportsFor(EpisodeCommand command, String task, Instant now) {
        return switch (command.getType()) {
            case START -> new Run(command, command.getCommandId(), steps(task), now).from(1, 0);
            case RESUME -> command.getAction() == null
                    ? new Run(command, command.getCommandId(), steps(task), now).from(1, EVERY_STEP)
                    : continueAfter(command, command.getAction(), steps(task), now);
            case REJECT, EXPIRE, CANCEL -> List.of();
        };
    }

    /** The steps of a task, in order; a task without separators is one step. */
    public static List<String> steps(String task) {
        return Arrays.stream(STEP_SEPARATOR.split(task)).map(String::strip).filter(step -> !step.isEmpty()).toList();
    }

    public static boolean isRisky(String step) {
        return RISKY.matcher(step).find();
    }

    /** The approved action names the run and the step it stopped at: that step is done now, then the rest. */
    private static List<AgentReport> continueAfter(EpisodeCommand command, ProposedAction action, List<String> steps,
            Instant now) {
        Matcher proposed = ACTION_ID.matcher(action.getActionId());
        if (!proposed.matches()) {
            // Not an action this agent proposed: another runtime's to continue.
            return List.of();
        }
        int step = Integer.parseInt(proposed.group(2));
        return new Run(command, proposed.group(1), steps, now).from(step, step);
    }

    /** One pass over the steps: runId prefixes every id, so ids stay unique within the episode. */
    private record Run(EpisodeCommand command, String runId, List<String> steps, Instant now) {

        List<AgentReport> from(int first, int approvedUpTo) {
            List<AgentReport> reports = new ArrayList<>();
            for (int number = first; number <= steps.size(); number++) {
                String step = steps.get(number - 1);
                String stepId = runId + "-step-" + number;
                if (number > approvedUpTo && isRisky(step)) {
                    reports.add(report(stepId + "-proposed", ReportType.ACTION_PROPOSED,
                            "step " + number + " needs a decision",
                            new ProposedAction(stepId, step, "step " + number + " of " + steps.size())));
                    return reports;
                }
                reports.add(report(stepId + "-done", ReportType.STEP, step, null));
            }
            reports.add(report(runId + "-completed", ReportType.COMPLETED, "done", null));
            return reports;
        }

        private AgentReport report(String reportId, ReportType type, String message, ProposedAction action) {
            return AgentReport.newBuilder()
                    .setReportId(reportId)
                    .setEpisodeId(command.getEpisodeId())
                    .setType(type)
                    .setReportedAt(now)
                    .setAgent(NAME)
                    .setMessage(message)
                    .setAction(action)
                    .setCommandId(command.getCommandId())
                    .build();
        }
    }
}
