package io.noesis.audit.api;

import io.noesis.audit.replay.Replays;
import io.noesis.audit.replay.Replays.Kind;
import io.noesis.service.api.InvalidInputException;
import io.noesis.service.api.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.Locale;

/**
 * Audits of the audit log, run in the background: "verify" checks its hash chain, "rebuild" replays the
 * source topics into a fresh trail and compares it with the log. Either from the beginning or from a
 * point in time.
 */
@Path("/audit/replays")
@RolesAllowed({"auditor", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class ReplaysResource {

    /** What to replay: kind "verify" or "rebuild", and optionally from when (ISO-8601). */
    public record ReplayRequest(String kind, String from) {
    }

    @Inject
    Replays replays;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(ReplayRequest request, @Context UriInfo uri) {
        if (request == null) {
            throw new InvalidInputException("kind", "a replay needs a body with its kind");
        }
        Replays.Replay replay = replays.start(kind(request.kind()), Periods.instant("from", request.from()));
        return Response.accepted(ReplayView.of(replay))
                .location(uri.getAbsolutePathBuilder().path(replay.id()).build()).build();
    }

    @GET
    @Path("/{id}")
    public Response progress(@PathParam("id") String id) {
        return replays.find(id).map(replay -> Response.ok(ReplayView.of(replay)).build())
                .orElseGet(() -> Problem.of(404, "unknown-replay", "Not Found", "There is no replay " + id + ".")
                        .toResponse());
    }

    private static Kind kind(String kind) {
        return Arrays.stream(Kind.values()).filter(known -> known.name().toLowerCase(Locale.ROOT).equals(kind))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("kind", "kind must be \"verify\" or \"rebuild\""));
    }
}
