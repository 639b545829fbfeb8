package io.noesis.deploy.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceJvmOptionsTest {

    private static final String FIRST_TIER_ONLY = "-XX:TieredStopAtLevel=1";

    @BeforeEach
    void defaultsApply() {
        assumeTrue(System.getenv(LocalStack.SERVICE_JVM_OPTIONS_ENV) == null, "the environment replaces the defaults");
    }

    @Test
    void everyServiceGetsAHeapKeptCloseToWhatItHoldsAndTheNativeHeapTrim() {
        for (Service service : Service.values()) {
            List<String> options = LocalStack.serviceJvmOptions(service);
            assertTrue(options.containsAll(List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TrimNativeHeapInterval=5000")),
                    service + ": " + options);
        }
    }

    @Test
    void episodeAndPolicyServiceLeaveMoreOfTheirHeapFreeThanTheTwoClosestToTheMemoryTarget() {
        for (Service service : List.of(Service.EPISODE, Service.POLICY)) {
            assertEquals(List.of("30"), values(service, "-XX:MinHeapFreeRatio="), service.toString());
            assertEquals(List.of("60"), values(service, "-XX:MaxHeapFreeRatio="), service.toString());
        }
        for (Service service : List.of(Service.APPROVAL, Service.AUDIT)) {
            assertEquals(List.of("10"), values(service, "-XX:MinHeapFreeRatio="), service.toString());
            assertEquals(List.of("20"), values(service, "-XX:MaxHeapFreeRatio="), service.toString());
        }
    }

    /** The values an option is given: one each, a service's own replacing the default. */
    private static List<String> values(Service service, String option) {
        return LocalStack.serviceJvmOptions(service).stream().filter(given -> given.startsWith(option))
                .map(given -> given.substring(option.length())).toList();
    }

    @Test
    void auditServiceKeepsTheOptimisingCompilerAndAYoungGenerationForItsReplays() {
        List<String> audit = LocalStack.serviceJvmOptions(Service.AUDIT);
        assertFalse(audit.contains(FIRST_TIER_ONLY));
        assertTrue(audit.containsAll(List.of("-Xmn48m", "-XX:SurvivorRatio=2")), audit.toString());
        for (Service service : List.of(Service.EPISODE, Service.POLICY, Service.APPROVAL)) {
            assertEquals(1, LocalStack.serviceJvmOptions(service).stream().filter(FIRST_TIER_ONLY::equals).count(),
                    service + " compiles with the first tier only");
        }
    }
}
