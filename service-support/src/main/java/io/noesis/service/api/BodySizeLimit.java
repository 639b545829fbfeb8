package io.noesis.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body announced larger than quarkus.http.limits.max-body-size with a 413 problem document,
 * before it is read. Quarkus enforces the same limit just after this route, but with an empty answer and
 * a closed connection, which a client still sending its body may see as a reset instead.
 */
@ApplicationScoped
public class BodySizeLimit {

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void refuseLargeBodies(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext request) {
        String length = request.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (length == null || !isTooLarge(length)) {
            request.next();
            return;
        }
        // Answered at once; the connection stays open and the rest of the body is discarded as it arrives,
        // so a client that sends the whole body before it reads (most do) still gets this answer.
        request.response()
                .setStatusCode(413)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(problem());
        // Quarkus holds the body until a handler reads it; with no handler, what arrives is dropped.
        request.request().resume();
    }

    private boolean isTooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodySize.asLongValue();
        } catch (NumberFormatException unreadable) {
            return false; // Vert.x itself refuses a malformed Content-Length.
        }
    }

    private String problem() {
        try {
            return json.writeValueAsString(Problem.of(413, "body-too-large", "Content Too Large",
                    "The body is larger than " + maxBodySize.asLongValue() + " bytes, the most this service accepts."));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem document could not be written", e);
        }
    }
}
