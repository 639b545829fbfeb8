package io.noesis.episode.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noesis.episode.domain.EpisodeFilter;
import io.noesis.episode.domain.EpisodeLifecycle;
import io.noesis.episode.domain.EpisodeRequestRules;
import io.noesis.episode.domain.EpisodeStatus;
import io.noesis.episode.domain.RequestViolation;
import io.noesis.episode.streams.EpisodePage;
import io.noesis.episode.streams.EpisodeQueries;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeRequest;
import io.noesis.service.api.Problem;
import io.noesis.service.api.InvalidInputException;
import io.noesis.service.instances.InstanceClient;
import io.noesis.service.instances.Scope;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.HostInfo;
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
    private final InstanceClient instances;
    private final ForwardedEventStream forwardedStream;
    private final JsonWebToken caller;
    private final ObjectMapper json;
    private final Duration streamPollInterval;

    public EpisodeResource(EpisodePublisher publisher, EpisodeQueries queries, InstanceClient instances,
            ForwardedEventStream forwardedStream, JsonWebToken caller, ObjectMapper json,
            @ConfigProperty(name = "noesis.episode.stream-poll-interval", defaultValue = "PT0.2S") Duration streamPollInterval) {
        this.publisher = publisher;
        this.queries = queries;
        this.instances = instances;
        this.forwardedStream = forwardedStream;
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
    public Response cancel(@PathParam("id") String episodeId, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String text) throws JsonProcessingException {
        String reason = cancelReason(text);
        if (reason != null && reason.length() > EpisodeCancelBody.MAX_REASON_LENGTH) {
            throw new InvalidInputException("reason", "must be at most " + EpisodeCancelBody.MAX_REASON_LENGTH + " characters");
        }
        URI summary = uri.getBaseUriBuilder().path("episodes").path(episodeId).path("summary").build();
        EpisodeSummary episode = summaryOf(episodeId, null, summary, authorization);
        if (!caller.getSubject().equals(episode.requestedBy()) && !caller.getGroups().contains(ADMIN)) {
            return Problem.of(403, "not-the-requester", "Forbidden",
                    "only the requester of episode " + episodeId + " or an admin may cancel it").toResponse();
        }
        if (EpisodeStatus.valueOf(episode.status()).isTerminal()) {
            throw new EpisodeEndedException(episodeId, episode.status());
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

    /**
     * Every read below answers for every episode: when another instance of the service owns the episode's
     * partition, the request is forwarded to it. scope=local is how instances ask each other; it answers
     * from this instance's stores only.
     */
    @GET
    @Path("/{id}/summary")
    @Authenticated
    public EpisodeSummary summary(@PathParam("id") String episodeId, @QueryParam("scope") String scope,
            @Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return summaryOf(episodeId, scope, uri.getRequestUri(), authorization);
    }

    @GET
    @Path("/{id}/events")
    @Authenticated
    public EpisodeLog events(@PathParam("id") String episodeId, @QueryParam("from_sequence") String fromSequence,
            @QueryParam("limit") String limit, @QueryParam("scope") String scope, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        int pageSize = QueryParameters.limit(limit);
        long first = QueryParameters.fromSequence(fromSequence);
        Optional<HostInfo> owner = remoteOwner(episodeId, scope);
        if (owner.isPresent()) {
            return instances.fetch(owner.get(), uri.getRequestUri(), authorization, EpisodeLog.class);
        }
        // One more than asked for tells whether another page follows.
        return queries.events(episodeId, first, pageSize + 1)
                .map(events -> EpisodeLog.of(episodeId, events, pageSize))
                .orElseThrow(() -> new EpisodeNotFoundException(episodeId));
    }

    /**
     * The episode's events as server-sent events (data: one event as JSON), from the given sequence number
     * on, live: new events follow as they are appended, and the stream ends after the episode's last event.
     */
    @GET
    @Path("/{id}/events/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Authenticated
    @Blocking
    public Multi<EpisodeLog.Entry> stream(@PathParam("id") String episodeId, @QueryParam("from_sequence") String fromSequence,
            @QueryParam("scope") String scope, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        long first = QueryParameters.fromSequence(fromSequence);
        Optional<HostInfo> owner = remoteOwner(episodeId, scope);
        if (owner.isPresent()) {
            return forwardedStream.stream(owner.get(), uri.getRequestUri(), authorization);
        }
        if (queries.summary(episodeId).isEmpty()) {
            throw new EpisodeNotFoundException(episodeId);
        }
        return new EpisodeEventStream(queries, episodeId, first, streamPollInterval).entries();
    }

    /**
     * Newest first; next_cursor, when present, asks for the page after this one with the same filters.
     * Each instance lists the episodes of its own partitions; the answer merges all of theirs.
     */
    @GET
    @Authenticated
    public EpisodeList list(@QueryParam("limit") String limit, @QueryParam("status") String status,
            @QueryParam("tag") String tag, @QueryParam("parent_episode_id") String parentEpisodeId,
            @QueryParam("created_after") String createdAfter, @QueryParam("created_before") String createdBefore,
            @QueryParam("cursor") String cursor, @QueryParam("scope") String scope, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        EpisodeFilter filter = QueryParameters.filter(status, tag, parentEpisodeId, createdAfter, createdBefore);
        int pageSize = QueryParameters.limit(limit);
        EpisodePage page = queries.newest(filter, pageSize, QueryParameters.continueAfter(cursor));
        EpisodeList local = new EpisodeList(page.episodes().stream().map(EpisodeSummary::of).toList(),
                QueryParameters.cursor(page.continueAfter()));
        if (Scope.isLocal(scope)) {
            return local;
        }
        List<EpisodeList> pages = new ArrayList<>(List.of(local));
        for (HostInfo instance : queries.otherInstances()) {
            pages.add(instances.fetch(instance, uri.getRequestUri(), authorization, EpisodeList.class));
        }
        return EpisodeList.merge(pages, pageSize);
    }

    private EpisodeSummary summaryOf(String episodeId, String scope, URI request, String authorization) {
        Optional<HostInfo> owner = remoteOwner(episodeId, scope);
        if (owner.isPresent()) {
            return instances.fetch(owner.get(), request, authorization, EpisodeSummary.class);
        }
        return queries.summary(episodeId).map(EpisodeSummary::of).orElseThrow(() -> new EpisodeNotFoundException(episodeId));
    }

    /** The instance to forward to, or empty to answer here (where an id that is no episode's is not found). */
    private Optional<HostInfo> remoteOwner(String episodeId, String scope) {
        boolean local = Scope.isLocal(scope);
        return EpisodeRequestRules.isEpisodeId(episodeId) ? queries.ownerToAsk(episodeId, local) : Optional.empty();
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
