package io.noesis.approval.api;

import io.noesis.service.api.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The failure particular to the approval API; the common ones are answered by service-support. */
public class ApprovalProblems {

    private static final Logger LOG = Logger.getLogger(ApprovalProblems.class);

    @ServerExceptionMapper
    public Response decisionNotRecorded(DecisionNotRecordedException failure) {
        LOG.warn("A decision could not be written to Kafka", failure);
        return Problem.of(503, "decision-not-recorded", "Service Unavailable",
                "The decision could not be recorded; nothing was decided. Retry with the same decision_id.")
                .toRetryLaterResponse();
    }
}
