package io.noesis.episode.api;

import io.noesis.episode.streams.StoresUnavailableException;
import io.noesis.service.api.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The failures particular to the episode API; the common ones (and other instances' answers) are answered by service-support. */
public class EpisodeProblems {

    @ServerExceptionMapper
    public Response notFound(EpisodeNotFoundException e) {
        return Problem.of(404, "episode-not-found", "Not Found", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response storesUnavailable(StoresUnavailableException e) {
        return Problem.of(503, "stores-unavailable", "Service Unavailable", e.getMessage()).toRetryLaterResponse();
    }

    @ServerExceptionMapper
    public Response ended(EpisodeEndedException e) {
        return Problem.of(409, "episode-ended", "Conflict", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response notPublished(NotPublishedException e) {
        return Problem.of(503, "kafka-unavailable", "Service Unavailable", e.getMessage()).toRetryLaterResponse();
    }
}
