package io.noesis.episode.domain;

/** What the policies concluded about an episode, as the seed's summary showed it. */
public record EpisodeFlags(boolean requiresApproval, String riskReason, String proposedAction) {

    public static final EpisodeFlags NONE = new EpisodeFlags(false, null, null);
}
