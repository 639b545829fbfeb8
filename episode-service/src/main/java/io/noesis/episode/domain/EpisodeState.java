package io.noesis.episode.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The episode's summary as folded from its events: what the API shows and what the lifecycle decides on.
 *
 * @param intuition the request's policy selection: null, a Boolean, or a list of policy names
 * @param approvalDeadline when a pending approval expires (null unless approval was awaited)
 * @param pendingAction the action proposed mid-run that awaits its evaluation or approval, else null
 * @param appliedReportIds agent reports already applied, so a redelivered report changes nothing
 * @param heldReports agent reports read while the run was paused, each waiting for the command it carries out
 * @param lastSequence the sequence number of the episode's latest event
 */
public record EpisodeState(
        String episodeId,
        EpisodeStatus status,
        String task,
        Map<String, String> tags,
        String environment,
        String requestedBy,
        String parentEpisodeId,
        Object intuition,
        EpisodeFlags flags,
        List<AppliedIntervention> interventions,
        EpisodeApprovals approvals,
        Instant approvalDeadline,
        PendingAction pendingAction,
        List<String> appliedReportIds,
        List<HeldReport> heldReports,
        Instant createdAt,
        Instant updatedAt,
        long lastSequence) {

    public EpisodeState {
        tags = Map.copyOf(tags);
        interventions = List.copyOf(interventions);
        appliedReportIds = List.copyOf(appliedReportIds);
        // Absent from states stored before reports could be held.
        heldReports = heldReports == null ? List.of() : List.copyOf(heldReports);
    }

    public boolean isIn(EpisodeStatus expected) {
        return status == expected;
    }

    public boolean hasApplied(String reportId) {
        return appliedReportIds.contains(reportId);
    }

    public boolean isHolding(String reportId) {
        return heldReports.stream().anyMatch(held -> held.reportId().equals(reportId));
    }

    EpisodeState moveTo(EpisodeStatus next, Instant now, long sequence) {
        return new EpisodeState(episodeId, next, task, tags, environment, requestedBy, parentEpisodeId, intuition, flags,
                interventions, approvals, approvalDeadline, pendingAction, appliedReportIds, heldReports, createdAt, now, sequence);
    }

    EpisodeState withSequence(long sequence) {
        return new EpisodeState(episodeId, status, task, tags, environment, requestedBy, parentEpisodeId, intuition, flags,
                interventions, approvals, approvalDeadline, pendingAction, appliedReportIds, heldReports, createdAt, updatedAt, sequence);
    }

    EpisodeState withEvaluation(EpisodeFlags newFlags, List<AppliedIntervention> applied, Instant deadline) {
        return new EpisodeState(episodeId, status, task, tags, environment, requestedBy, parentEpisodeId, intuition, newFlags,
                applied, approvals, deadline, pendingAction, appliedReportIds, heldReports, createdAt, updatedAt, lastSequence);
    }

    EpisodeState withApprovals(EpisodeApprovals decided) {
        return new EpisodeState(episodeId, status, task, tags, environment, requestedBy, parentEpisodeId, intuition, flags,
                interventions, decided, approvalDeadline, pendingAction, appliedReportIds, heldReports, createdAt, updatedAt, lastSequence);
    }

    EpisodeState withPendingAction(PendingAction action, EpisodeFlags newFlags) {
        return new EpisodeState(episodeId, status, task, tags, environment, requestedBy, parentEpisodeId, intuition, newFlags,
                interventions, approvals, approvalDeadline, action, appliedReportIds, heldReports, createdAt, updatedAt, lastSequence);
    }

    EpisodeState withAppliedReport(String reportId) {
        List<String> applied = new ArrayList<>(appliedReportIds);
        applied.add(reportId);
        return new EpisodeState(episodeId, status, task, tags, environment, requestedBy, parentEpisodeId, intuition, flags,
                interventions, approvals, approvalDeadline, pendingAction, applied, heldReports, createdAt, updatedAt, lastSequence);
    }

    EpisodeState withHeldReport(HeldReport report) {
        List<HeldReport> held = new ArrayList<>(heldReports);
        held.add(report);
        return withHeldReports(held);
    }

    EpisodeState withHeldReports(List<HeldReport> held) {
        return new EpisodeState(episodeId, status, task, tags, environment, requestedBy, parentEpisodeId, intuition, flags,
                interventions, approvals, approvalDeadline, pendingAction, appliedReportIds, held, createdAt, updatedAt,
                lastSequence);
    }
}
