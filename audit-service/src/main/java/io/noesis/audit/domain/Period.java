package io.noesis.audit.domain;

import java.time.Instant;

/** A half-open span of time, [from, to); a null end is open. */
public record Period(Instant from, Instant to) {

    public boolean contains(Instant time) {
        return (from == null || !time.isBefore(from)) && (to == null || time.isBefore(to));
    }
}
