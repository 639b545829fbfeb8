package io.noesis.audit.api;

import io.noesis.audit.streams.AuditTrailQueries.Answer;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.Function;

/** Turns a store's answer into HTTP: the found value as the resource wants it, or a redirect to the owner. */
final class Answers {

    static <T> Response respond(Answer<T> answer, UriInfo request, Function<T, Response> found) {
        if (answer instanceof Answer.Elsewhere<T> elsewhere) {
            return Response.seeOther(request.getRequestUriBuilder().scheme("http").host(elsewhere.host())
                    .port(elsewhere.port()).build()).build();
        }
        return found.apply(((Answer.Found<T>) answer).value());
    }

    private Answers() {
    }
}
