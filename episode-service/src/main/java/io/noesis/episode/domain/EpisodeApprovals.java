package io.noesis.episode.domain;

import java.util.List;

/** Who decided an episode's approval, with which decisions, and why. */
public record EpisodeApprovals(List<String> approvers, List<String> decisionIds, String reason) {

    public static final EpisodeApprovals NONE = new EpisodeApprovals(List.of(), List.of(), null);

    public EpisodeApprovals {
        approvers = List.copyOf(approvers);
        decisionIds = List.copyOf(decisionIds);
    }
}
