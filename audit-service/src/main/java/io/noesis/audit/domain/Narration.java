package io.noesis.audit.domain;

/** Who did what, in words an auditor reads. */
public record Narration(String actor, String action, String summary) {
}
