package io.noesis.deploy.runtime;

import java.util.List;

/**
 * The four services, their default ports on loopback, and how the local run compiles their code. Three of
 * them run with the JIT's first tier only (C1): on a small machine that shares its cores with the broker and
 * the other services, the optimising compiler's work costs more CPU and memory than its faster code saves
 * them (docs/performance.md). audit-service keeps the optimising compiler: its replays hash every link of the
 * trail and ran at half the rate without it.
 */
public enum Service {
    EPISODE("episode-service", 8080, Jit.FIRST_TIER),
    POLICY("policy-service", 8082, Jit.FIRST_TIER),
    APPROVAL("approval-service", 8083, Jit.FIRST_TIER),
    AUDIT("audit-service", 8084, Jit.OPTIMISING);

    private final String module;
    private final int defaultPort;
    private final Jit jit;

    Service(String module, int defaultPort, Jit jit) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.jit = jit;
    }

    /** The JVM options that choose this service's compiler in the local run. */
    public List<String> jitOptions() {
        return jit.options;
    }

    private enum Jit {
        FIRST_TIER(List.of("-XX:TieredStopAtLevel=1")),
        OPTIMISING(List.of());

        private final List<String> options;

        Jit(List<String> options) {
            this.options = options;
        }
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
