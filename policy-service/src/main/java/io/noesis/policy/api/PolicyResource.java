package io.noesis.policy.api;

import io.noesis.policy.domain.DirectedIntuition;
import io.noesis.policy.domain.EpisodeContext;
import io.noesis.policy.domain.PolicyEngine;
import io.noesis.policy.rules.LiveRuleSet;
import io.noesis.service.api.InvalidInputException;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The rules in force, and a dry run of them, for anyone signed in who wants to know what a request would trigger. */
@Path("/policies")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    /** The rule set in force, where it came from, and the latest refused change of it, if any. */
    public record PolicyCatalogue(String ruleSetVersion, String rulesSource, Instant loadedAt, String lastLoadError,
            Instant lastLoadErrorAt, List<PolicyView> policies) {
    }

    public record PolicyView(String name, String version, String description) {
    }

    @Inject
    LiveRuleSet rules;

    @GET
    public PolicyCatalogue policies() {
        PolicyEngine engine = rules.engine();
        LiveRuleSet.Status status = rules.status();
        return new PolicyCatalogue(engine.ruleSetVersion(), status.source(), status.loadedAt(),
                status.lastLoadError(), status.lastLoadErrorAt(), engine.policies().stream()
                        .map(policy -> new PolicyView(policy.name(), policy.version(), policy.description()))
                        .toList());
    }

    @POST
    @Path("/evaluate")
    @Consumes(MediaType.APPLICATION_JSON)
    public EvaluationView evaluate(DryRunRequest request) {
        if (request == null) {
            throw new InvalidInputException(null, "a JSON body is required");
        }
        PolicyEngine engine = rules.engine();
        // A dry run can refuse at once what a real request would only hold for approval (fail closed).
        List<String> unknown = engine.unknownNames(request.selection());
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("intuition", "unknown policy: " + String.join(", ", unknown) + " (known: "
                    + engine.policies().stream().map(DirectedIntuition::name).collect(Collectors.joining(", ")) + ")");
        }
        EpisodeContext context = request.context();
        return EvaluationView.of(context.target(), engine.evaluate(context, request.selection()));
    }
}
