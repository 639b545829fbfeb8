package io.noesis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;

/** Where a command prints: with --json the services' JSON, one document a line; otherwise lines for people. */
final class Output {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    private Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    static Output of(CommandSpec command) {
        return new Output(command.commandLine().getOut(), command.commandLine().getErr(), NoesisCommand.of(command).json);
    }

    boolean json() {
        return json;
    }

    /** The document itself with --json, else what readable prints. */
    void print(JsonNode document, Consumer<PrintWriter> readable) {
        if (json) {
            out.println(document);
        } else {
            readable.accept(out);
        }
        out.flush();
    }

    /** A hint for people, on standard error, so that standard output stays the answer. */
    void note(String text) {
        err.println(text);
        err.flush();
    }

    /** A JSON value as text for people: "" for null or missing, strings as they are, the rest as JSON. */
    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** prefix and the value's text, or "" when it has none. */
    static String optional(String prefix, JsonNode value) {
        String text = text(value);
        return text.isEmpty() ? "" : prefix + text;
    }

    /** "a, b" from a JSON array of strings. */
    static String list(JsonNode array) {
        StringBuilder joined = new StringBuilder();
        array.forEach(item -> joined.append(joined.length() == 0 ? "" : ", ").append(text(item)));
        return joined.toString();
    }
}
