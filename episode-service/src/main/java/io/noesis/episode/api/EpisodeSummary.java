package io.noesis.episode.api;

import io.noesis.episode.domain.AppliedIntervention;
import io.noesis.episode.domain.EpisodeApprovals;
import io.noesis.episode.domain.EpisodeFlags;
import io.noesis.episode.domain.EpisodeState;
import io.noesis.episode.domain.HeldReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * GET /episodes/{id}/summary: the seed's summary, as the API shows it (snake_case on the wire).
 *
 * @param heldReports the ids of agent reports read before the command they carry out, waiting for it
 */
public record EpisodeSummary(String episodeId, String task, String status, Map<String, String> tags, String environment,
        String requestedBy, String parentEpisodeId, Object intuition, EpisodeFlags flags,
        List<AppliedIntervention> interventions, EpisodeApprovals approvals, List<String> heldReports, Instant createdAt,
        Instant updatedAt) {

    public static EpisodeSummary of(EpisodeState state) {
        return new EpisodeSummary(state.episodeId(), state.task(), state.status().name(), state.tags(), state.environment(),
                state.requestedBy(), state.parentEpisodeId(), state.intuition(), state.flags(), state.interventions(),
                state.approvals(), state.heldReports().stream().map(HeldReport::reportId).toList(), state.createdAt(),
                state.updatedAt());
    }
}
