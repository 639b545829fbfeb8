package io.noesis.service.instances;

import io.noesis.service.api.InvalidInputException;

/**
 * The scope query parameter by which instances of a service ask each other: scope=local is answered from the
 * asked instance's own stores only, so that a forwarded request is never forwarded again.
 */
public final class Scope {

    public static final String PARAMETER = "scope";
    public static final String LOCAL = "local";

    private Scope() {
    }

    /** True for scope=local, false when absent; any other value is the caller's mistake. */
    public static boolean isLocal(String scope) {
        if (scope == null) {
            return false;
        }
        if (LOCAL.equals(scope)) {
            return true;
        }
        throw new InvalidInputException(PARAMETER, "must be " + LOCAL + " or absent");
    }
}
