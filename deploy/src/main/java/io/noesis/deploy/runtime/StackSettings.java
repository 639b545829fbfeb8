package io.noesis.deploy.runtime;

import io.noesis.schemas.TopicSettings;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the stack lives and listens. home is the project checkout (where the built jars are),
 * dataDir holds broker data, registry data, keys, state stores, logs and pid files.
 */
public record StackSettings(Path home, Path dataDir, int kafkaPort, int controllerPort, int registryPort,
        Map<Service, Integer> servicePorts, boolean persistentRegistry, Map<String, String> serviceProperties) {

    public static StackSettings defaults(Path home, Path dataDir) {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            ports.put(service, service.defaultPort());
        }
        return new StackSettings(home, dataDir, 9092, 9093, 8081, ports, true, Map.of());
    }

    /** Every port picked at random, for tests that must not collide with a running local stack. */
    public static StackSettings randomPorts(Path home, Path dataDir, Map<String, String> serviceProperties) {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            ports.put(service, Ports.freePort());
        }
        return new StackSettings(home, dataDir, Ports.freePort(), Ports.freePort(), Ports.freePort(), ports, false,
                serviceProperties);
    }

    /** The same stack with the registry keeping its schemas on disk, so they outlive a crash of the registry. */
    public StackSettings withPersistentRegistry() {
        return new StackSettings(home, dataDir, kafkaPort, controllerPort, registryPort, servicePorts, true,
                serviceProperties);
    }

    /**
     * The topic layout of this stack: one broker, so a single replica unless the service properties say
     * otherwise (noesis.topics.*); the topics and the services' Kafka Streams topics are created alike.
     */
    public TopicSettings topics() {
        return TopicSettings.from(name -> Optional.ofNullable(serviceProperties.get(name)), TopicSettings.SINGLE_BROKER);
    }

    public int port(Service service) {
        return servicePorts.get(service);
    }

    public String serviceUrl(Service service) {
        return "http://127.0.0.1:" + port(service);
    }

    public Path runDir() {
        return dataDir.resolve("run");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path keyDir() {
        return dataDir.resolve("jwt");
    }

    public Path registryHome() {
        return home.resolve("deploy/target/apicurio-registry");
    }

    public String brokerClasspath() {
        return home.resolve("deploy/target/lib") + "/*";
    }

    public Path serviceJar(Service service) {
        return home.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
