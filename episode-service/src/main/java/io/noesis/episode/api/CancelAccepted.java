package io.noesis.episode.api;

/** The answer to a cancel: the CANCEL command is on its way; the summary shows CANCELLED once it is applied. */
public record CancelAccepted(String episodeId, String commandId, String summary) {
}
