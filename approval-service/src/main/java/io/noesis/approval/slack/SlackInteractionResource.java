package io.noesis.approval.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.methods.SlackApiException;
import io.noesis.approval.api.DecisionGateway;
import io.noesis.approval.domain.SlackSignature;
import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.DecisionChannel;
import io.noesis.schemas.DecisionKind;
import io.noesis.schemas.DecisionOutcome;
import io.noesis.schemas.DecisionResult;
import io.noesis.service.api.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Slack's interaction callback. Slack signs each request instead of sending a token, so the signature is
 * the authentication: the approver is the configured identity of the verified Slack user.
 */
@Path("/slack/interactions")
public class SlackInteractionResource {

    private static final Logger LOG = Logger.getLogger(SlackInteractionResource.class);

    @Inject
    SlackSettings settings;

    @Inject
    SlackMessages messages;

    @Inject
    DecisionGateway gateway;

    @Inject
    ObjectMapper json;

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response interact(@HeaderParam("X-Slack-Request-Timestamp") String timestamp,
            @HeaderParam("X-Slack-Signature") String signature, String rawBody) {
        if (!signedBySlack(timestamp, signature, rawBody == null ? "" : rawBody)) {
            return Problem.of(401, "slack-signature", "Unauthorized",
                    "The request does not carry a valid, fresh Slack signature.").toResponse();
        }
        SlackInteraction interaction = SlackInteraction.parse(rawBody, json);
        String approver = settings.users().get(interaction.userId());
        if (approver == null) {
            return Problem.of(403, "slack-user-unknown", "Forbidden",
                    "Slack user " + interaction.userId() + " is not mapped to an approver.").toResponse();
        }
        ApprovalDecision decision = DecisionGateway.decision(interaction.decisionId(), interaction.episodeId(),
                interaction.kind(), approver, groupsOf(interaction.userId()), reasonOf(interaction.kind(), approver),
                DecisionChannel.SLACK);
        Optional<DecisionOutcome> outcome = gateway.submit(decision, settings.outcomeWait());
        outcome.filter(SlackInteractionResource::settlesTheRound).ifPresent(settled -> update(interaction, settled));
        return Response.ok(Map.of("decision_id", decision.getDecisionId(),
                "message", outcome.map(DecisionOutcome::getMessage).orElse("Recorded; the outcome is not known yet.")))
                .build();
    }

    private boolean signedBySlack(String timestamp, String signature, String rawBody) {
        return settings.enabled() && settings.signingSecret()
                .map(secret -> new SlackSignature(secret).verifies(timestamp, rawBody, signature, Instant.now()))
                .orElse(false);
    }

    private List<String> groupsOf(String slackUser) {
        return Arrays.stream(settings.groups().getOrDefault(slackUser, "").split(","))
                .map(String::strip)
                .filter(group -> !group.isEmpty())
                .toList();
    }

    private static String reasonOf(DecisionKind kind, String approver) {
        return kind == DecisionKind.REJECT ? "Rejected in Slack by " + approver : null;
    }

    /** Refused decisions and approvals short of the quorum leave the buttons for the other approvers. */
    private static boolean settlesTheRound(DecisionOutcome outcome) {
        return outcome.getVerdict() == DecisionResult.RESUMED || outcome.getVerdict() == DecisionResult.REJECTED;
    }

    private void update(SlackInteraction interaction, DecisionOutcome outcome) {
        String text = outcome.getVerdict() == DecisionResult.RESUMED
                ? "Approved by " + outcome.getApprover() + ": episode " + outcome.getEpisodeId() + " resumes."
                : "Rejected by " + outcome.getApprover() + ": episode " + outcome.getEpisodeId() + " does not go on.";
        try {
            messages.settle(interaction.channelId(), interaction.messageTs(), text);
        } catch (IOException | SlackApiException | IllegalStateException failure) {
            LOG.warnf("The Slack message of episode %s could not be updated: %s", outcome.getEpisodeId(),
                    failure.getMessage());
        }
    }
}
