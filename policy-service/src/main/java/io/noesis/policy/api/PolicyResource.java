package io.noesis.policy.api;

import io.noesis.policy.domain.PolicyEngine;
import io.noesis.service.api.InvalidInputException;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The rule set, and a dry run of it, for anyone signed in who wants to know what a request would trigger. */
@Path("/policies")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    public record PolicyCatalogue(String ruleSetVersion, List<PolicyView> policies) {
    }

    public record PolicyView(String name, String version, String description) {
    }

    @Inject
    PolicyEngine engine;

    @GET
    public PolicyCatalogue policies() {
        return new PolicyCatalogue(engine.ruleSetVersion(), engine.policies().stream()
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
        return EvaluationView.of(engine.evaluate(request.context(), request.selection()));
    }
}
