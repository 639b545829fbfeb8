package io.noesis.service.instances;

/**
 * Another instance could not be asked: it did not answer, answered what this one cannot read, or which
 * instance owns what is not known now (a rebalance). The caller may retry shortly.
 */
public class InstanceUnavailableException extends RuntimeException {

    public InstanceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
