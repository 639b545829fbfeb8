package io.noesis.approval.api;

import io.noesis.service.api.InvalidInputException;
/**
 * The body of approve and reject. The approver is never part of it: it is the token's subject.
 *
 * @param decisionId the client's idempotency key, so a retried request changes nothing; a UUID when absent
 */
public record DecisionRequest(String reason, String decisionId) {

    static final int MAX_REASON_LENGTH = 2000;
    static final int MAX_DECISION_ID_LENGTH = 128;

    /** Throws InvalidInputException for a reason or decision id out of bounds; a reject must give a reason. */
    void validate(boolean reasonRequired) {
        if (reasonRequired && (reason == null || reason.isBlank())) {
            throw new InvalidInputException("reason", "A rejection needs a non-blank reason.");
        }
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            throw new InvalidInputException("reason", "The reason is longer than " + MAX_REASON_LENGTH + " characters.");
        }
        if (decisionId != null && (decisionId.isBlank() || decisionId.length() > MAX_DECISION_ID_LENGTH)) {
            throw new InvalidInputException("decision_id",
                    "A decision id must be 1 to " + MAX_DECISION_ID_LENGTH + " non-blank characters.");
        }
    }
}
