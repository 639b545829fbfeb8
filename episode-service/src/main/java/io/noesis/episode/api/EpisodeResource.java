package io.noesis.episode.api;

import io.noesis.episode.domain.EpisodeRequestRules;
import io.noesis.episode.domain.RequestViolation;
import io.noesis.episode.streams.EpisodeQueries;
import io.noesis.schemas.EpisodeRequest;
import io.noesis.service.api.InvalidInputException;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The seed's API over the episode log: run (POST), events, summary and list. */
@Path("/episodes")
@Produces(MediaType.APPLICATION_JSON)
public class EpisodeResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final EpisodeRequestPublisher publisher;
    private final EpisodeQueries queries;
    private final JsonWebToken caller;

    public EpisodeResource(EpisodeRequestPublisher publisher, EpisodeQueries queries, JsonWebToken caller) {
        this.publisher = publisher;
        this.queries = queries;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"requester", "admin"})
    public Response request(EpisodeRequestBody body) {
        if (body == null) {
            throw new InvalidInputException("task", "a JSON body with a task is required");
        }
        String episodeId = body.episodeId() == null ? UUID.randomUUID().toString() : body.episodeId();
        EpisodeRequest request = body.toRecord(episodeId, caller.getSubject(), Instant.now());
        List<RequestViolation> violations = EpisodeRequestRules.validate(request);
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        publisher.publish(episodeId, request);
        EpisodeAccepted accepted = EpisodeAccepted.requested(episodeId);
        return Response.accepted(accepted).location(URI.create(accepted.summary())).build();
    }

    @GET
    @Path("/{id}/summary")
    @Authenticated
    public EpisodeSummary summary(@PathParam("id") String episodeId) {
        return queries.summary(episodeId).map(EpisodeSummary::of).orElseThrow(() -> new EpisodeNotFoundException(episodeId));
    }

    @GET
    @Path("/{id}/events")
    @Authenticated
    public EpisodeLog events(@PathParam("id") String episodeId) {
        return queries.events(episodeId).map(events -> EpisodeLog.of(episodeId, events))
                .orElseThrow(() -> new EpisodeNotFoundException(episodeId));
    }

    @GET
    @Authenticated
    public EpisodeList list(@QueryParam("limit") String limit) {
        return new EpisodeList(queries.newest(parseLimit(limit)).stream().map(EpisodeSummary::of).toList());
    }

    /** Answers with the first field at fault and says every violation. */
    private static InvalidInputException invalid(List<RequestViolation> violations) {
        String detail = violations.stream().map(v -> v.field() + " " + v.reason()).collect(Collectors.joining("; "));
        return new InvalidInputException(violations.get(0).field(), detail);
    }

    /** Read as text so that "abc" gets the same problem answer as 0 or 501. */
    private static int parseLimit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int parsed = Integer.parseInt(limit);
            if (parsed >= 1 && parsed <= MAX_LIMIT) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, like any other out-of-range limit
        }
        throw new InvalidInputException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
