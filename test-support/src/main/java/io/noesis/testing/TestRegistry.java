package io.noesis.testing;

import io.noesis.deploy.runtime.ManagedProcess;
import io.noesis.deploy.runtime.Ports;
import io.noesis.deploy.runtime.SchemaRegistry;
import io.noesis.schemas.registry.SchemaRegistration;
import io.noesis.schemas.serde.RegistrySerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Apicurio Registry (the build unpacks it into deploy/target) started as a child process of
 * the test JVM, in memory, on a free port, with every schema registered. One per JVM.
 */
public final class TestRegistry {

    private static TestRegistry shared;

    private final SchemaRegistry registry;
    private final ManagedProcess process;

    private TestRegistry(SchemaRegistry registry, ManagedProcess process) {
        this.registry = registry;
        this.process = process;
    }

    public static synchronized TestRegistry shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.process.kill(), "test-registry-shutdown"));
        }
        return shared;
    }

    /** The Apicurio v3 API the serdes use. */
    public String registryUrl() {
        return registry.registryApiUrl();
    }

    public String confluentApiUrl() {
        return registry.confluentApiUrl();
    }

    public RegistrySerdes serdes() {
        return new RegistrySerdes(registryUrl());
    }

    private static TestRegistry start() {
        Path runDir = TestDirectories.create("registry");
        SchemaRegistry registry = new SchemaRegistry(registryHome(), Ports.freePort(), null);
        ManagedProcess process = registry.start(runDir, runDir);
        registry.awaitReady(process, Duration.ofSeconds(90));
        new SchemaRegistration(registry.confluentApiUrl()).registerAll();
        return new TestRegistry(registry, process);
    }

    /** Set by the build (surefire's noesis.registry.home); otherwise found from the working directory upwards. */
    static Path registryHome() {
        String configured = System.getProperty("noesis.registry.home");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy/target/apicurio-registry");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No schema registry found: build the deploy module first (./mvnw -pl deploy install)");
    }
}
