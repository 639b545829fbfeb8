package io.noesis.deploy.runtime;

/** A port the stack needs is taken: said plainly instead of a process that hangs or dies later. */
public class PortInUseException extends RuntimeException {
    public PortInUseException(String part, int port) {
        super("Port " + port + " (" + part + ") on 127.0.0.1 is already in use. Stop what holds it, or choose"
                + " another port (see deploy/local/up --help).");
    }
}
