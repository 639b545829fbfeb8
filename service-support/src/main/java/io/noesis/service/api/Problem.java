package io.noesis.service.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem document: the answer to every request that fails. {@code field} names the
 * request field at fault; extensions carry what a service adds (e.g. the refusal of a decision).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "urn:noesis:problem:";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null, Map.of());
    }

    public static Problem invalidInput(String field, String detail) {
        return new Problem(TYPE_BASE + "invalid-input", "Invalid request", 400, detail, field, Map.of());
    }

    public Problem with(String extension, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(extension, value);
        return new Problem(type, title, status, detail, field, more);
    }

    @JsonAnyGetter
    Map<String, Object> extensionMembers() {
        return extensions;
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    /** A 503 that tells the client when to come back. */
    public Response toRetryLaterResponse() {
        return Response.fromResponse(toResponse()).header("Retry-After", "1").build();
    }
}
