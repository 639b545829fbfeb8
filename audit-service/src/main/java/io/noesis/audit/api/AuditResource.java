package io.noesis.audit.api;

import io.noesis.audit.streams.AuditTrailQueries;
import io.noesis.service.api.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The audit trail of one episode, for auditors: who did what, when, and the chain that proves it. */
@Path("/audit/episodes")
@RolesAllowed({"auditor", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditTrailQueries queries;

    @GET
    @Path("/{episodeId}")
    public Response timeline(@PathParam("episodeId") String episodeId, @Context UriInfo request) {
        return Answers.respond(queries.timeline(episodeId), request, links -> links.isEmpty()
                ? Problem.of(404, "unknown-episode", "Not Found", "Nothing is known about episode " + episodeId + ".")
                        .toResponse()
                : Response.ok(TimelineView.of(episodeId, links)).build());
    }
}
