package io.noesis.audit.api;

import io.noesis.audit.domain.Period;
import io.noesis.service.api.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Periods from the query parameters from and to, in ISO-8601 (2026-05-01T00:00:00Z); either may be left out. */
final class Periods {

    static Period parse(String from, String to) {
        Period period = new Period(instant("from", from), instant("to", to));
        if (period.from() != null && period.to() != null && !period.from().isBefore(period.to())) {
            throw new InvalidInputException("to", "to must be later than from");
        }
        return period;
    }

    static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " must be an ISO-8601 instant such as 2026-05-01T00:00:00Z");
        }
    }

    private Periods() {
    }
}
