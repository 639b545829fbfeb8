package io.noesis.deploy.runtime;

import java.util.List;

/**
 * The four services, their default ports on loopback, and the JVM options each adds to the local run's
 * (docs/performance.md has the measurements):
 * <ul>
 * <li>Three run with the JIT's first tier only (C1): on a small machine that shares its cores with the broker
 * and the other services, the optimising compiler's work costs more CPU and memory than its faster code
 * saves them.</li>
 * <li>audit-service keeps the optimising compiler, and gets a fixed 48 MB young generation with survivor spaces
 * of a quarter of it each, instead of one that follows the local run's small heap: its replays hash every link
 * of the trail and allocate for every record they read, and ran at half the rate without the optimising
 * compiler. With the default survivor spaces (a tenth), the records a rebuild holds across collections
 * overflowed them into the small old generation, which was then collected in full 26-29 times in a replay of
 * 8-12 s; with a quarter, 9 times, and the repeated rebuild went from 116,000 to 135,000-155,000 records/s.</li>
 * </ul>
 */
public enum Service {
    EPISODE("episode-service", 8080, List.of("-XX:TieredStopAtLevel=1")),
    POLICY("policy-service", 8082, List.of("-XX:TieredStopAtLevel=1")),
    APPROVAL("approval-service", 8083, List.of("-XX:TieredStopAtLevel=1")),
    AUDIT("audit-service", 8084, List.of("-Xmn48m", "-XX:SurvivorRatio=2"));

    private final String module;
    private final int defaultPort;
    private final List<String> jvmOptions;

    Service(String module, int defaultPort, List<String> jvmOptions) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.jvmOptions = jvmOptions;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** What this service adds to the JVM options every service of the local run gets. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }
}
