package io.noesis.episode.agent;

import io.noesis.schemas.AgentReport;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.ReportType;
import java.time.Instant;
import java.util.List;

/**
 * What the reference agent does with a command: on START or RESUME it works (one step) and completes;
 * REJECT, EXPIRE and CANCEL leave it nothing to do. Report ids derive from the command id, so a
 * redelivered command yields the same reports and the episode log recognises them.
 */
public final class ReferenceAgent {

    public static final String NAME = "reference-agent";

    public List<AgentReport> reportsFor(EpisodeCommand command, Instant now) {
        return switch (command.getType()) {
            case START -> work(command, "working on: " + command.getTask(), now);
            // A RESUME carries no task: the agent says only what it knows.
            case RESUME -> work(command, "resumed", now);
            case REJECT, EXPIRE, CANCEL -> List.of();
        };
    }

    private static List<AgentReport> work(EpisodeCommand command, String step, Instant now) {
        return List.of(
                report(command, ReportType.STEP, step, now),
                report(command, ReportType.COMPLETED, "done", now));
    }

    private static AgentReport report(EpisodeCommand command, ReportType type, String message, Instant now) {
        return AgentReport.newBuilder()
                .setReportId(command.getCommandId() + "-" + type.name().toLowerCase())
                .setEpisodeId(command.getEpisodeId())
                .setType(type)
                .setReportedAt(now)
                .setAgent(NAME)
                .setMessage(message)
                .build();
    }
}
