package io.noesis.approval.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noesis.approval.api.DecisionGateway;
import io.noesis.approval.domain.SlackSignature;
import io.noesis.approval.security.SecurityEvents;
import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.DecisionChannel;
import io.noesis.schemas.DecisionKind;
import io.noesis.schemas.DecisionOutcome;
import io.noesis.schemas.SecurityEventKind;
import io.noesis.service.api.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Slack's interaction callback. Slack signs each request instead of sending a token, so the signature is
 * the authentication: the approver is the configured identity of the verified Slack user. A request whose
 * signature is missing, stale or forged is refused and written to the security events for the audit trail.
 */
@Path("/slack/interactions")
public class SlackInteractionResource {

    @Inject
    SlackSettings settings;

    @Inject
    DecisionGateway gateway;

    @Inject
    ObjectMapper json;

    @Inject
    SecurityEvents securityEvents;

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response interact(@HeaderParam(SlackRefusal.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(SlackRefusal.SIGNATURE_HEADER) String signature, @Context HttpServerRequest request,
            String rawBody) {
        String body = rawBody == null ? "" : rawBody;
        Instant now = Instant.now();
        Optional<SecurityEventKind> refusal = refusal(timestamp, signature, body, now);
        if (refusal.isPresent()) {
            // Written before answering: once the caller has its answer, the refusal is on the audited topic.
            securityEvents.record(SlackRefusal.event(refusal.get(), timestamp, signature, SlackClaims.read(body, json),
                    remoteAddress(request), now));
            return Problem.of(401, "slack-signature", "Unauthorized",
                    "The request does not carry a valid, fresh Slack signature.").toResponse();
        }
        SlackInteraction interaction = SlackInteraction.parse(body, json);
        String approver = settings.users().get(interaction.userId());
        if (approver == null) {
            return Problem.of(403, "slack-user-unknown", "Forbidden",
                    "Slack user " + interaction.userId() + " is not mapped to an approver.").toResponse();
        }
        ApprovalDecision decision = DecisionGateway.decision(interaction.decisionId(), interaction.episodeId(),
                interaction.kind(), approver, groupsOf(interaction.userId()), reasonOf(interaction.kind()),
                DecisionChannel.SLACK);
        // The message itself is rewritten by the Slack relay once the episode log records the outcome.
        Optional<DecisionOutcome> outcome = gateway.submit(decision, settings.outcomeWait());
        return Response.ok(Map.of("decision_id", decision.getDecisionId(),
                "message", outcome.map(DecisionOutcome::getMessage).orElse("Recorded; the outcome is not known yet.")))
                .build();
    }

    /** Why the request cannot be let in, or empty when Slack signed it. */
    private Optional<SecurityEventKind> refusal(String timestamp, String signature, String rawBody, Instant now) {
        if (!settings.enabled() || settings.signingSecret().isEmpty()) {
            return Optional.of(SecurityEventKind.SLACK_NOT_CONFIGURED);
        }
        return SlackRefusal.of(new SlackSignature(settings.signingSecret().get()).check(timestamp, rawBody, signature, now));
    }

    private static String remoteAddress(HttpServerRequest request) {
        return request == null || request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }

    private List<String> groupsOf(String slackUser) {
        return Arrays.stream(settings.groups().getOrDefault(slackUser, "").split(","))
                .map(String::strip)
                .filter(group -> !group.isEmpty())
                .toList();
    }

    /** The Reject button asks for no reason; the approver is recorded beside it. */
    private static String reasonOf(DecisionKind kind) {
        return kind == DecisionKind.REJECT ? "rejected with the Slack button" : null;
    }
}
