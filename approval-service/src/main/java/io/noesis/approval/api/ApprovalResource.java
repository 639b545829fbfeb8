package io.noesis.approval.api;

import io.noesis.service.api.InvalidInputException;
import io.noesis.service.api.Problem;
import io.noesis.approval.ApprovalConfig;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The approval queue and the approve/reject endpoints. The approver is always the token's subject. */
@Path("/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {

    /** Token claim listing the approver groups (e.g. "sre") of the caller. */
    static final String APPROVER_GROUPS_CLAIM = "noesis_groups";
    private static final String PENDING = "pending";

    @Inject
    ApprovalQueries queries;

    @Inject
    DecisionGateway gateway;

    @Inject
    ApprovalConfig settings;

    @Inject
    JsonWebToken caller;

    @GET
    @RolesAllowed({"approver", "admin", "auditor"})
    public ApprovalView.Queue list(@QueryParam("status") @DefaultValue(PENDING) String status) {
        if (!PENDING.equals(status)) {
            throw new InvalidInputException("status", "Only status=pending can be listed.");
        }
        return new ApprovalView.Queue(queries.pendingApprovals().stream().map(ApprovalView::of).toList());
    }

    @GET
    @Path("{episodeId}")
    @RolesAllowed({"approver", "admin", "auditor"})
    public Response one(@PathParam("episodeId") String episodeId) {
        return queries.pendingApproval(episodeId)
                .map(status -> Response.ok(ApprovalView.of(status)).build())
                .orElseGet(() -> Problem.of(404, "not-pending", "Not pending",
                        "Episode " + episodeId + " is not awaiting approval.").toResponse());
    }

    @POST
    @Path("{episodeId}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("approver")
    public Response approve(@PathParam("episodeId") String episodeId, DecisionRequest body) {
        DecisionRequest request = body == null ? new DecisionRequest(null, null) : body;
        request.validate(false);
        return decide(episodeId, DecisionKind.APPROVE, request);
    }

    @POST
    @Path("{episodeId}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("approver")
    public Response reject(@PathParam("episodeId") String episodeId, DecisionRequest body) {
        if (body == null) {
            throw new InvalidInputException("reason", "A rejection needs a body with a reason.");
        }
        body.validate(true);
        return decide(episodeId, DecisionKind.REJECT, body);
    }

    private Response decide(String episodeId, DecisionKind kind, DecisionRequest request) {
        ApprovalDecision decision = ApprovalDecision.newBuilder()
                .setDecisionId(request.decisionId() != null ? request.decisionId() : UUID.randomUUID().toString())
                .setEpisodeId(episodeId)
                .setOutcome(kind)
                .setApprover(caller.getSubject())
                .setApproverGroups(approverGroups())
                .setReason(request.reason())
                .setChannel(DecisionChannel.API)
                .setDecidedAt(Instant.now())
                .build();
        return gateway.submit(decision, settings.outcomeWait())
                .map(ApprovalResource::answer)
                .orElseGet(() -> Response.accepted(new DecisionAnswer.StillJudging(decision.getDecisionId(), episodeId,
                                "The decision is recorded; its outcome is not known yet."))
                        .location(UriBuilder.fromResource(ApprovalResource.class).path(episodeId).build())
                        .build());
    }

    private static Response answer(DecisionOutcome outcome) {
        return outcome.getAccepted()
                ? Response.ok(DecisionAnswer.of(outcome)).build()
                : Problem.of(409, "decision-refused", "Decision refused", outcome.getMessage())
                        .with("refusal", outcome.getRefusal().name()).toResponse();
    }

    private List<String> approverGroups() {
        Object claim = caller.getClaim(APPROVER_GROUPS_CLAIM);
        if (claim instanceof JsonArray array) {
            return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
