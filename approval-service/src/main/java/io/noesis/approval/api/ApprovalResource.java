package io.noesis.approval.api;

import io.noesis.service.api.InvalidInputException;
import io.noesis.service.api.Problem;
import io.noesis.service.instances.ForwardedAnswerException;
import io.noesis.service.instances.InstanceClient;
import io.noesis.service.instances.Scope;
import io.noesis.approval.ApprovalConfig;
import io.noesis.approval.domain.ClosedRound;
import io.noesis.approval.domain.Listing;
import io.noesis.approval.domain.PendingStatus;
import io.noesis.approval.domain.Refusal;
import io.noesis.approval.domain.Retention;
import io.noesis.approval.streams.ApprovalQueries;
import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.DecisionChannel;
import io.noesis.schemas.DecisionKind;
import io.noesis.schemas.DecisionOutcome;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The approval queue and the approve/reject endpoints. The approver is always the token's subject. Any instance
 * of the service answers for every episode: the reads ask the other instances (scope=local is how instances ask
 * each other, answered from the asked instance's stores only), the decisions go through Kafka to the judge.
 */
@Path("/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {

    /** Header by which the approval page says its decisions come from the web; absent means the API. */
    static final String CHANNEL_HEADER = "X-Noesis-Channel";
    private static final String DEFAULT_LIMIT = "50";
    private static final int MAX_LIMIT = 200;
    private static final String PENDING = "pending";
    private static final String DECIDED = "decided";
    private static final String EXPIRED = "expired";

    @Inject
    ApprovalQueries queries;

    @Inject
    DecisionGateway gateway;

    @Inject
    ApprovalConfig settings;

    @Inject
    JsonWebToken caller;

    @Inject
    InstanceClient instances;

    @GET
    @RolesAllowed({"approver", "admin", "auditor"})
    public Object list(@QueryParam("status") @DefaultValue(PENDING) String status,
            @QueryParam("approver_group") String approverGroup,
            @QueryParam("q") String text,
            @QueryParam("limit") @DefaultValue(DEFAULT_LIMIT) String limitParameter,
            @QueryParam("cursor") String cursor,
            @QueryParam(Scope.PARAMETER) String scope, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        int limit = limitOf(limitParameter);
        Listing.Filter filter = new Listing.Filter(blankToNull(approverGroup), blankToNull(text));
        Listing.Position after = cursor == null ? null : positionOf(cursor);
        boolean local = Scope.isLocal(scope);
        Pages pages = new Pages(uri.getRequestUri(), authorization, limit);
        return switch (status) {
            case PENDING -> {
                ApprovalView.Queue here = pendingPage(filter, after, limit);
                yield local ? here : pages.merged(here.page(), ApprovalView.Queue.class, ApprovalView.Queue::page,
                        ApprovalView::position, merged -> new ApprovalView.Queue(merged.items(), merged.nextCursor()));
            }
            case DECIDED, EXPIRED -> {
                ClosedView.History here = historyPage(EXPIRED.equals(status), filter, after, limit);
                yield local ? here : pages.merged(here.page(), ClosedView.History.class, ClosedView.History::page,
                        ClosedView::position, merged -> new ClosedView.History(merged.items(), merged.nextCursor()));
            }
            default -> throw new InvalidInputException("status", "The status must be pending, decided or expired.");
        };
    }

    /**
     * Each instance lists the rounds of its own partitions. Every instance is asked the caller's question (same
     * filters, cursor and limit), so each answers the first page of its rounds after the cursor, and the first
     * limit of all of them, in the listing's order, is the page: the cursor keeps its one format.
     */
    private final class Pages {

        private final URI request;
        private final String authorization;
        private final int limit;

        Pages(URI request, String authorization, int limit) {
            this.request = request;
            this.authorization = authorization;
            this.limit = limit;
        }

        <V, L> L merged(Listing.Page<V> here, Class<L> answer, Function<L, Listing.Page<V>> pageOf,
                Function<V, Listing.Position> position, Function<Listing.Page<V>, L> listOf) {
            List<Listing.Page<V>> all = new ArrayList<>(List.of(here));
            for (HostInfo other : queries.otherInstances()) {
                all.add(pageOf.apply(instances.fetch(other, request, authorization, answer)));
            }
            return listOf.apply(Listing.merge(all, position, limit));
        }
    }

    private ApprovalView.Queue pendingPage(Listing.Filter filter, Listing.Position after, int limit) {
        Listing.Page<PendingStatus> page = queries.pendingPage(filter, after, limit);
        return new ApprovalView.Queue(page.items().stream().map(this::view).toList(), page.nextCursor());
    }

    /** Rounds past the retention are left out even before the next clean-up deletes them. */
    private ClosedView.History historyPage(boolean expired, Listing.Filter filter, Listing.Position after, int limit) {
        Retention retention = settings.retention();
        Instant now = Instant.now();
        List<ClosedRound> matching = queries.closedRounds().stream()
                .filter(closed -> retention.keeps(closed.closedAt(), now))
                .filter(closed -> closed.expired() == expired && filter.matches(closed.round()))
                .toList();
        Listing.Page<ClosedRound> page = Listing.page(matching, ClosedRound::position, after, limit);
        return new ClosedView.History(page.items().stream().map(ClosedView::of).toList(), page.nextCursor());
    }

    private static Listing.Position positionOf(String cursor) {
        try {
            return Listing.Position.fromCursor(cursor);
        } catch (IllegalArgumentException notOurs) {
            throw new InvalidInputException("cursor", "The cursor is not one this API gave out.");
        }
    }

    /** Parsed here rather than by JAX-RS, which answers 404 to a query parameter it cannot convert. */
    private static int limitOf(String parameter) {
        try {
            int limit = Integer.parseInt(parameter.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, as for a number out of range
        }
        throw new InvalidInputException("limit", "The limit must be a whole number from 1 to " + MAX_LIMIT + ".");
    }

    private static String blankToNull(String parameter) {
        return parameter == null || parameter.isBlank() ? null : parameter.strip();
    }

    /** Answered by the instance that owns the episode: this one, or the one it is forwarded to. */
    @GET
    @Path("{episodeId}")
    @RolesAllowed({"approver", "admin", "auditor"})
    public Response one(@PathParam("episodeId") String episodeId, @QueryParam(Scope.PARAMETER) String scope,
            @Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Optional<HostInfo> owner = queries.ownerToAsk(episodeId, Scope.isLocal(scope));
        if (owner.isPresent()) {
            return Response.ok(instances.fetch(owner.get(), uri.getRequestUri(), authorization, ApprovalView.class)).build();
        }
        return queries.pendingApproval(episodeId)
                .map(status -> Response.ok(view(status)).build())
                .orElseGet(() -> Problem.of(404, "not-pending", "Not pending",
                        "Episode " + episodeId + " is not awaiting approval.").toResponse());
    }

    @POST
    @Path("{episodeId}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("approver")
    public Response approve(@PathParam("episodeId") String episodeId,
            @HeaderParam(CHANNEL_HEADER) String channel, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            DecisionRequest body) {
        DecisionRequest request = body == null ? new DecisionRequest(null, null) : body;
        request.validate(false);
        return decide(episodeId, DecisionKind.APPROVE, request, channelOf(channel), authorization);
    }

    @POST
    @Path("{episodeId}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("approver")
    public Response reject(@PathParam("episodeId") String episodeId,
            @HeaderParam(CHANNEL_HEADER) String channel, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            DecisionRequest body) {
        if (body == null) {
            throw new InvalidInputException("reason", "A rejection needs a body with a reason.");
        }
        body.validate(true);
        return decide(episodeId, DecisionKind.REJECT, body, channelOf(channel), authorization);
    }

    private ApprovalView view(PendingStatus status) {
        return ApprovalView.of(status, queries.adviceFor(status.approval()));
    }

    /** Only API and WEB can be claimed by a caller: Slack decisions arrive through the signed Slack callback alone. */
    private static DecisionChannel channelOf(String header) {
        if (header == null || header.equalsIgnoreCase(DecisionChannel.API.name())) {
            return DecisionChannel.API;
        }
        if (header.equalsIgnoreCase(DecisionChannel.WEB.name())) {
            return DecisionChannel.WEB;
        }
        throw new InvalidInputException(CHANNEL_HEADER, "The channel must be api or web.");
    }

    /**
     * Decided on any instance without forwarding: the decision is written to noesis.approval.decisions keyed by the
     * episode, so Kafka brings it to the judge of the instance that owns the episode's round, and that judge
     * checks it against the round; every instance reads every outcome (OutcomeListener), so this one hears the
     * answer. Forwarding the decision to the owner would add a hop that can fail mid-rebalance and check nothing more.
     * <p>
     * Only a decision on a round the owner shows as awaiting one is written. A client that follows the episode log
     * can see AWAITING_APPROVAL before the owner's table has opened the round (after a restart or a rebalance it
     * catches up); written then, the decision would be judged NOT_PENDING, and if that came after the answer's wait
     * the client would hold a 202 for a decision that never counted. Refused here, it is told at once to try again.
     */
    private Response decide(String episodeId, DecisionKind kind, DecisionRequest request, DecisionChannel channel,
            String authorization) {
        if (!awaitsDecision(episodeId, authorization)) {
            return Problem.of(409, "decision-refused", "Decision refused", "Episode " + episodeId
                    + " is not awaiting approval (yet or any more).").with("refusal", Refusal.NOT_PENDING.name()).toResponse();
        }
        String decisionId = request.decisionId() != null ? request.decisionId() : UUID.randomUUID().toString();
        ApprovalDecision decision = DecisionGateway.decision(decisionId, episodeId, kind, caller.getSubject(),
                approverGroups(), request.reason(), channel);
        return gateway.submit(decision, settings.outcomeWait())
                .map(ApprovalResource::answer)
                .orElseGet(() -> Response.accepted(new DecisionAnswer.StillJudging(decision.getDecisionId(), episodeId,
                                "The decision is recorded; its outcome is not known yet."))
                        .location(UriBuilder.fromResource(ApprovalResource.class).path(episodeId).build())
                        .build());
    }

    /**
     * Whether the instance that owns the episode knows its round. Here, a round settled or just closed counts, so
     * that the judge answers with the exact reason (EXPIRED, ALREADY_DECIDED); another instance is asked for the
     * round as GET shows it, which leaves those out.
     */
    private boolean awaitsDecision(String episodeId, String authorization) {
        Optional<HostInfo> owner = queries.ownerToAsk(episodeId, false);
        if (owner.isEmpty()) {
            return queries.roundKnown(episodeId);
        }
        URI round = UriBuilder.fromResource(ApprovalResource.class).path(episodeId).build();
        try {
            instances.fetch(owner.get(), round, authorization, ApprovalView.class);
            return true;
        } catch (ForwardedAnswerException answer) {
            if (answer.status() == Response.Status.NOT_FOUND.getStatusCode()) {
                return false;
            }
            throw answer;
        }
    }

    private static Response answer(DecisionOutcome outcome) {
        return outcome.getAccepted()
                ? Response.ok(DecisionAnswer.of(outcome)).build()
                : Problem.of(409, "decision-refused", "Decision refused", outcome.getMessage())
                        .with("refusal", outcome.getRefusal().name()).toResponse();
    }

    private List<String> approverGroups() {
        Object claim = caller.getClaim(settings.approverGroupsClaim());
        if (claim instanceof JsonArray array) {
            return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
