package io.noesis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.util.Map;
import java.util.Set;

/**
 * A call that did not succeed: the service answered with an error (its RFC 9457 problem document, when it
 * sent one, is kept to print it readably or as JSON), or could not be reached. Carries the exit code.
 */
final class ServiceFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The members every problem has; any other member is an extension worth showing (refusal, field...). */
    private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance");

    private final int status;
    private final int exitCode;
    private final JsonNode problem;

    private ServiceFailure(String message, int status, int exitCode, JsonNode problem, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.exitCode = exitCode;
        this.problem = problem;
    }

    /** An answer other than 2xx; body is the problem document, or null when the answer held no JSON. */
    static ServiceFailure answered(String service, int status, JsonNode body, String text) {
        return new ServiceFailure(readable(service, status, body, text), status, ExitCodes.forStatus(status), body, null);
    }

    static ServiceFailure unreachable(String service, Object address, Exception cause) {
        String reason = cause instanceof ConnectException ? "connection refused"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new ServiceFailure("Cannot reach " + service + " at " + address + ": " + reason, 0,
                ExitCodes.UNREACHABLE, null, cause);
    }

    /** The HTTP status of the answer; 0 when there was none. */
    int status() {
        return status;
    }

    int exitCode() {
        return exitCode;
    }

    /** The service's problem document, or null. */
    JsonNode problem() {
        return problem;
    }

    /** "approval-service answered 409 Decision refused: ..." and one indented line per extension member. */
    private static String readable(String service, int status, JsonNode problem, String text) {
        StringBuilder message = new StringBuilder(service).append(" answered ").append(status);
        if (problem == null || !problem.isObject()) {
            String shown = text == null ? "" : text.strip();
            return message.append(shown.isEmpty() ? "" : ": " + abbreviate(shown)).toString();
        }
        String title = problem.path("title").asText("");
        String detail = problem.path("detail").asText("");
        message.append(title.isEmpty() ? "" : " " + title).append(detail.isEmpty() ? "" : ": " + detail);
        for (Map.Entry<String, JsonNode> member : problem.properties()) {
            if (!STANDARD_MEMBERS.contains(member.getKey())) {
                JsonNode value = member.getValue();
                message.append(System.lineSeparator()).append("  ").append(member.getKey()).append(": ")
                        .append(value.isValueNode() ? value.asText() : value.toString());
            }
        }
        return message.toString();
    }

    /** An HTML error page or a stack trace says little past its first line. */
    private static String abbreviate(String text) {
        String firstLine = text.lines().findFirst().orElse("");
        return firstLine.length() > 200 ? firstLine.substring(0, 200) + "..." : firstLine;
    }
}
