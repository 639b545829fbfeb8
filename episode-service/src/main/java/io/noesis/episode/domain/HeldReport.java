package io.noesis.episode.domain;

import io.noesis.schemas.AgentReport;
import io.noesis.schemas.ReportType;
import java.time.Instant;

/**
 * An agent's report read before the command it carries out (see {@link EpisodeLifecycle}): kept with the
 * episode until that command is applied, or refused when the episode goes on without it.
 *
 * @param action the proposed action of an ACTION_PROPOSED report, else null
 */
public record HeldReport(String reportId, String commandId, ReportType type, Instant reportedAt, String agent,
        String message, PendingAction action) {

    static HeldReport of(AgentReport report) {
        return new HeldReport(report.getReportId(), report.getCommandId(), report.getType(), report.getReportedAt(),
                report.getAgent(), report.getMessage(), report.getAction() == null ? null : PendingAction.of(report.getAction()));
    }

    AgentReport toRecord(String episodeId) {
        return AgentReport.newBuilder()
                .setReportId(reportId)
                .setEpisodeId(episodeId)
                .setType(type)
                .setReportedAt(reportedAt)
                .setAgent(agent)
                .setMessage(message)
                .setAction(action == null ? null : action.toRecord())
                .setCommandId(commandId)
                .build();
    }
}
