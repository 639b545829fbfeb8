package io.noesis.episode.domain;

/** One reason an episode request cannot be accepted, naming the request field at fault. */
public record RequestViolation(String field, String reason) {
}
