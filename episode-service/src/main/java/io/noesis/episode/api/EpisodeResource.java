package io.noesis.episode.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noesis.episode.domain.EpisodeFilter;
import io.noesis.episode.domain.EpisodeLifecycle;
import io.noesis.episode.domain.EpisodeRequestRules;
import io.noesis.episode.domain.EpisodeState;
import io.noesis.episode.domain.RequestViolation;
import io.noesis.episode.streams.EpisodePage;
import io.noesis.episode.streams.EpisodeQueries;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeRequest;
import io.noesis.service.api.Problem;
import io.noesis.service.api.InvalidInputException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The seed's API over the episode log: run (POST), events, summary and list. */
@Path("/episodes")
@Produces(MediaType.APPLICATION_JSON)
public class EpisodeResource {

    private static final String ADMIN = "admin";

    private final EpisodePublisher publisher;
    private final EpisodeQueries queries;
    private final JsonWebToken caller;
    private final ObjectMapper json;
    private final Duration streamPollInterval;

    public EpisodeResource(EpisodePublisher publisher, EpisodeQueries queries, JsonWebToken caller, ObjectMapper json,
            @ConfigProperty(name = "noesis.episode.stream-poll-interval", defaultValue = "PT0.2S") Duration streamPollInterval) {
        this.publisher = publisher;
        this.queries = queries;
        this.caller = caller;
        this.json = json;
        this.streamPollInterval = streamPollInterval;
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

    /**
     * Tells the agents to stop and records the episode CANCELLED. Only the requester or an admin may;
     * the check against a terminal episode is repeated by the lifecycle when the command is applied.
     */
    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    @Authenticated
    public Response cancel(@PathParam("id") String episodeId, String text) throws JsonProcessingException {
        String reason = cancelReason(text);
        if (reason != null && reason.length() > EpisodeCancelBody.MAX_REASON_LENGTH) {
            throw new InvalidInputException("reason", "must be at most " + EpisodeCancelBody.MAX_REASON_LENGTH + " characters");
        }
        EpisodeState episode = queries.summary(episodeId).orElseThrow(() -> new EpisodeNotFoundException(episodeId));
        if (!caller.getSubject().equals(episode.requestedBy()) && !caller.getGroups().contains(ADMIN)) {
            return Problem.of(403, "not-the-requester", "Forbidden",
                    "only the requester of episode " + episodeId + " or an admin may cancel it").toResponse();
        }
        if (episode.status().isTerminal()) {
            throw new EpisodeEndedException(episodeId, episode.status().name());
        }
        EpisodeCommand cancel = EpisodeCommand.newBuilder()
                .setCommandId(episodeId + "-cancel")
                .setEpisodeId(episodeId)
                .setType(CommandType.CANCEL)
                .setIssuedAt(Instant.now())
                .setIssuedBy(EpisodeLifecycle.ISSUER)
                .setTags(episode.tags())
                .setApprovers(List.of(caller.getSubject()))
                .setReason(reason)
                .build();
        publisher.publish(episodeId, cancel);
        return Response.accepted(new CancelAccepted(episodeId, cancel.getCommandId(), "/episodes/" + episodeId + "/summary"))
                .build();
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
    public EpisodeLog events(@PathParam("id") String episodeId, @QueryParam("from_sequence") String fromSequence,
            @QueryParam("limit") String limit) {
        int pageSize = QueryParameters.limit(limit);
        // One more than asked for tells whether another page follows.
        return queries.events(episodeId, QueryParameters.fromSequence(fromSequence), pageSize + 1)
                .map(events -> EpisodeLog.of(episodeId, events, pageSize))
                .orElseThrow(() -> new EpisodeNotFoundException(episodeId));
    }

    /** Newest first; next_cursor, when present, asks for the page after this one with the same filters. */
    /**
     * The episode's events as server-sent events (data: one event as JSON), from the given sequence number
     * on, live: new events follow as they are appended, and the stream ends after the episode's last event.
     */
    @GET
    @Path("/{id}/events/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Authenticated
    public Multi<EpisodeLog.Entry> stream(@PathParam("id") String episodeId, @QueryParam("from_sequence") String fromSequence) {
        long first = QueryParameters.fromSequence(fromSequence);
        if (queries.summary(episodeId).isEmpty()) {
            throw new EpisodeNotFoundException(episodeId);
        }
        return new EpisodeEventStream(queries, episodeId, first, streamPollInterval).entries();
    }

    @GET
    @Authenticated
    public EpisodeList list(@QueryParam("limit") String limit, @QueryParam("status") String status,
            @QueryParam("tag") String tag, @QueryParam("parent_episode_id") String parentEpisodeId,
            @QueryParam("created_after") String createdAfter, @QueryParam("created_before") String createdBefore,
            @QueryParam("cursor") String cursor) {
        EpisodeFilter filter = QueryParameters.filter(status, tag, parentEpisodeId, createdAfter, createdBefore);
        EpisodePage page = queries.newest(filter, QueryParameters.limit(limit), QueryParameters.continueAfter(cursor));
        return new EpisodeList(page.episodes().stream().map(EpisodeSummary::of).toList(),
                QueryParameters.cursor(page.continueAfter()));
    }

    /** The body is optional, so a bare POST (no body, no content type) is read as text and parsed only when present. */
    private String cancelReason(String text) throws JsonProcessingException {
        if (text == null || text.isBlank()) {
            return null;
        }
        EpisodeCancelBody body = json.readValue(text, EpisodeCancelBody.class);
        return body == null ? null : body.reason();
    }

    /** Answers with the first field at fault and says every violation. */
    private static InvalidInputException invalid(List<RequestViolation> violations) {
        String detail = violations.stream().map(v -> v.field() + " " + v.reason()).collect(Collectors.joining("; "));
        return new InvalidInputException(violations.get(0).field(), detail);
    }
}
