package io.noesis.service.instances;

import io.noesis.service.api.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** How a request that needed another instance of the service is answered when that instance could not help. */
public class InstanceProblems {

    @ServerExceptionMapper
    public Response unavailable(InstanceUnavailableException e) {
        return Problem.of(503, "instance-unavailable", "Service Unavailable", e.getMessage()).toRetryLaterResponse();
    }

    /** The other instance's own answer: status, problem and Retry-After as it gave them. */
    @ServerExceptionMapper
    public Response forwarded(ForwardedAnswerException e) {
        Response.ResponseBuilder answer = Response.status(e.status()).type(e.contentType()).entity(e.body());
        return e.retryAfter() == null ? answer.build() : answer.header(HttpHeaders.RETRY_AFTER, e.retryAfter()).build();
    }
}
