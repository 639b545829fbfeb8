package io.noesis.audit.api;

import io.noesis.audit.streams.AuditTrailQueries;
import io.noesis.audit.streams.AuditTrailQueries.Timeline;
import io.noesis.service.api.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/** The audit trail of one episode, for auditors: who did what, when, and the chain that proves it. */
@Path("/audit/episodes")
@RolesAllowed({"auditor", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditTrailQueries queries;

    @GET
    @Path("/{episodeId}")
    public Response timeline(@PathParam("episodeId") String episodeId) {
        Timeline timeline = queries.timeline(episodeId);
        if (timeline instanceof Timeline.Elsewhere elsewhere) {
            return Response.seeOther(UriBuilder.fromPath("/audit/episodes/{episodeId}").scheme("http")
                    .host(elsewhere.host()).port(elsewhere.port()).build(episodeId)).build();
        }
        Timeline.Found found = (Timeline.Found) timeline;
        if (found.links().isEmpty()) {
            return Problem.of(404, "unknown-episode", "Not Found", "Nothing is known about episode " + episodeId + ".")
                    .toResponse();
        }
        return Response.ok(TimelineView.of(episodeId, found.links())).build();
    }
}
