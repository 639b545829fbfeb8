package io.noesis.audit.domain;

import java.util.Collection;

/** Phrasing shared by the narrators, so that every summary quotes and lists the same way. */
final class Wording {

    /** A task can be megabytes long; the trail keeps its start, the source record keeps the rest. */
    static final int MAX_QUOTE = 200;

    static String quoted(String text) {
        if (text == null) {
            return "\"\"";
        }
        String shown = text.length() > MAX_QUOTE ? text.substring(0, MAX_QUOTE) + "…" : text;
        return "\"" + shown + "\"";
    }

    static String listOf(Collection<String> items, String whenEmpty) {
        return items == null || items.isEmpty() ? whenEmpty : String.join(", ", items);
    }

    /** " (reason: …)" when a reason was given, nothing otherwise. */
    static String reason(String reason) {
        return reason == null || reason.isBlank() ? "" : " (reason: " + quoted(reason) + ")";
    }

    static String orUnknown(String actor) {
        return actor == null || actor.isBlank() ? "unknown" : actor;
    }

    private Wording() {
    }
}
