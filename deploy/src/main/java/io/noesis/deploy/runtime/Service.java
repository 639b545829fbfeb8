package io.noesis.deploy.runtime;

/** The four services and their default ports on loopback. */
public enum Service {
    EPISODE("episode-service", 8080),
    POLICY("policy-service", 8082),
    APPROVAL("approval-service", 8083),
    AUDIT("audit-service", 8084);

    private final String module;
    private final int defaultPort;

    Service(String module, int defaultPort) {
        this.module = module;
        this.defaultPort = defaultPort;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
