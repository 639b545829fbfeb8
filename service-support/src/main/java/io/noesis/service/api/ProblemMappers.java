package io.noesis.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure a caller can cause, or wait out, answered as application/problem+json: never a bare
 * error page or a 500. Authentication failures reach these mappers because the services run with
 * quarkus.http.auth.proactive=false.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException invalid) {
        return Problem.invalidInput(invalid.field(), invalid.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException unknown) {
        String field = fieldPath(unknown.getPath());
        return Problem.invalidInput(field, "Unknown field " + field + ".").toResponse();
    }

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException mismatch) {
        String field = fieldPath(mismatch.getPath());
        String detail = field == null ? "The body must be a JSON object." : "Field " + field + " has the wrong type or shape.";
        return Problem.invalidInput(field, detail).toResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException malformed) {
        return Problem.invalidInput(null, "The body is not well-formed JSON: " + malformed.getOriginalMessage()).toResponse();
    }

    /** Quarkus wraps unreadable bodies in a 400; unknown paths, wrong methods and media types come this way too. */
    @ServerExceptionMapper
    public Response httpError(WebApplicationException error) {
        if (error.getCause() instanceof JsonMappingException mapping) {
            return mapping instanceof MismatchedInputException mismatch ? wrongShape(mismatch) : malformedJson(mapping);
        }
        if (error.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        Response.StatusType status = error.getResponse().getStatusInfo();
        return Problem.of(status.getStatusCode(), "http-" + status.getStatusCode(), status.getReasonPhrase(),
                error.getMessage()).toResponse();
    }

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthenticated(RuntimeException failure) {
        return Response.fromResponse(Problem.of(401, "unauthenticated", "Unauthorized",
                "A valid bearer token is required.").toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException failure) {
        return Problem.of(403, "forbidden", "Forbidden", "Your token does not carry a role this request needs.").toResponse();
    }

    @ServerExceptionMapper
    public Response storesNotReady(InvalidStateStoreException notReady) {
        // The cause (rebalancing, restoring, no owner known yet) tells an operator why an instance answers 503.
        LOG.infof("Answered 503, state stores not queryable: %s", notReady.getMessage());
        return Problem.of(503, "not-ready", "Service Unavailable",
                "The service's state stores are not ready (starting or rebalancing); retry shortly.").toRetryLaterResponse();
    }

    private static String fieldPath(List<JsonMappingException.Reference> path) {
        String joined = path.stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
        return joined.isEmpty() ? null : joined;
    }
}
