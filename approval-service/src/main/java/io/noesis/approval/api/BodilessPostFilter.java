package io.noesis.approval.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An approve needs no body, and clients send an empty POST with no Content-Type or a form type by default;
 * an empty body means the same in any type, so it is read as empty JSON instead of answering 415.
 */
public class BodilessPostFilter {

    @ServerRequestFilter(preMatching = true)
    public void treatAsEmptyJson(ContainerRequestContext request) {
        boolean empty = request.getLength() == 0 || (request.getMediaType() == null && !request.hasEntity());
        if (HttpMethod.POST.equals(request.getMethod()) && empty) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }
}
