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
 * <li>episode- and policy-service leave 30 % of their heap free after a collection, and give memory back past
 * 60 %, instead of the local run's tenth and fifth. With so little free, the old generation filled again
 * seconds after each full collection: 5-10 full collections of 70-270 ms in a short run, each a pause of every
 * stream thread of the service and the largest stalls of a round on its way to the queue. The looser ratios
 * halve them for 4-10 MB more; approval- and audit-service, the closest to the 300 MB target, keep the
 * tight heap.</li>
 * </ul>
 */
public enum Service {
    EPISODE("episode-service", 8080, List.of("-XX:TieredStopAtLevel=1", "-XX:MinHeapFreeRatio=30",
            "-XX:MaxHeapFreeRatio=60")),
    POLICY("policy-service", 8082, List.of("-XX:TieredStopAtLevel=1", "-XX:MinHeapFreeRatio=30",
            "-XX:MaxHeapFreeRatio=60")),
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
