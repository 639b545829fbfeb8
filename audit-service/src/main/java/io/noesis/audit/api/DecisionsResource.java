package io.noesis.audit.api;

import io.noesis.audit.domain.AuditedDecision;
import io.noesis.audit.domain.DecisionFilter;
import io.noesis.audit.streams.AuditTrailQueries;
import io.noesis.schemas.DecisionChannel;
import io.noesis.schemas.DecisionKind;
import io.noesis.service.api.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;

/** Human decisions across episodes, for auditors: who approved or rejected what, through which channel, when. */
@Path("/audit/decisions")
@RolesAllowed({"auditor", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class DecisionsResource {

    static final int MAX_LIMIT = 10_000;

    @Inject
    AuditTrailQueries queries;

    /**
     * Decisions in the order they were made. Every filter is optional: approver (the approver's token
     * subject), outcome (APPROVE or REJECT), channel (API, WEB or SLACK), from and to (ISO-8601, [from, to)
     * on the moment of the decision), limit (1 to 10000, default 1000).
     */
    @GET
    public Response decisions(@QueryParam("approver") String approver, @QueryParam("outcome") String outcome,
            @QueryParam("channel") String channel, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("1000") String limit, @Context UriInfo request) {
        DecisionFilter filter = new DecisionFilter(approver, symbol("outcome", outcome, DecisionKind.class),
                symbol("channel", channel, DecisionChannel.class), Periods.parse(from, to));
        return Answers.respond(queries.decisions(filter, limit(limit)), request,
                decisions -> Response.ok(new DecisionsView(decisions)).build());
    }

    private static <E extends Enum<E>> String symbol(String field, String value, Class<E> symbols) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(symbols.getEnumConstants()).map(Enum::name).filter(value::equals).findFirst()
                .orElseThrow(() -> new InvalidInputException(field,
                        field + " must be one of " + Arrays.toString(symbols.getEnumConstants())));
    }

    private static int limit(String limit) {
        try {
            int parsed = Integer.parseInt(limit);
            if (parsed >= 1 && parsed <= MAX_LIMIT) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // answered below like any other limit out of range
        }
        throw new InvalidInputException("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** The decisions found, in the order they were made. */
    public record DecisionsView(List<AuditedDecision> decisions) {
    }
}
