package io.noesis.approval.api;

/** The decision could not be written to Kafka, so nothing was decided. */
public class DecisionNotRecordedException extends RuntimeException {

    public DecisionNotRecordedException(Throwable cause) {
        super("The decision could not be recorded: " + cause.getMessage(), cause);
    }
}
