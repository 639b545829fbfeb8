package io.noesis.deploy.runtime;

import io.noesis.deploy.security.LocalIssuer;
import io.noesis.schemas.registry.SchemaRegistration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The system grown beyond one process per part: a {@link KafkaCluster} of several brokers, the schema
 * registry, and several processes (instances) of every service, each with its own HTTP port and state
 * directory and one Kafka Streams application id per service, so the instances share the partitions. Each
 * instance advertises its HTTP address as kafka-streams.application.server (the services' shared default),
 * which is how an instance finds the owner of a key. The topics take their replication from the settings'
 * noesis.topics.* properties. Used by the scale-out system test.
 */
public final class ScaledStack {

    /** Generous: eight service processes and four Kafka nodes starting at once on two shared cores take minutes. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final StackSettings settings;
    private final int instances;
    private final Consumer<String> progress;
    private final KafkaCluster cluster;
    private final SchemaRegistry registry;
    private final Map<Service, List<Integer>> ports = new EnumMap<>(Service.class);
    private final Map<String, ManagedProcess> running = new ConcurrentHashMap<>();
    private ManagedProcess registryProcess;

    public ScaledStack(StackSettings settings, int brokers, int instances, Consumer<String> progress) {
        this.settings = settings;
        this.instances = instances;
        this.progress = progress;
        this.cluster = new KafkaCluster(settings.dataDir().resolve("kafka"), brokers, settings.brokerClasspath());
        this.registry = new SchemaRegistry(settings.registryHome(), settings.registryPort(), null);
        for (Service service : Service.values()) {
            List<Integer> servicePorts = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                servicePorts.add(Ports.freePort());
            }
            ports.put(service, servicePorts);
        }
    }

    /** Starts everything and returns when every part is ready; stops what it started if any part fails. */
    public void start() {
        try {
            progress.accept("Starting a Kafka cluster (" + cluster.brokers() + " brokers, 1 controller) and the schema registry");
            registryProcess = registry.start(settings.runDir(), settings.logDir());
            cluster.start(settings.runDir(), settings.logDir(), START_TIMEOUT);
            registry.awaitReady(registryProcess, START_TIMEOUT);
            progress.accept("Creating topics (" + settings.topics() + ") and registering schemas");
            TopicSetup.createAll(cluster.bootstrapServers(), settings.topics());
            new SchemaRegistration(registry.confluentApiUrl()).registerAll();
            issuer();
            for (Service service : Service.values()) {
                for (int i = 0; i < instances; i++) {
                    startInstance(service, i);
                }
            }
            for (Service service : Service.values()) {
                for (int i = 0; i < instances; i++) {
                    awaitInstance(service, i);
                }
            }
        } catch (RuntimeException failure) {
            stop();
            throw failure;
        }
    }

    public StackSettings settings() {
        return settings;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public SchemaRegistry registry() {
        return registry;
    }

    public LocalIssuer issuer() {
        return LocalIssuer.inDirectory(settings.keyDir());
    }

    public int instances() {
        return instances;
    }

    /** The HTTP address of an instance of a service, 0 to instances() - 1. */
    public String url(Service service, int instance) {
        return "http://127.0.0.1:" + ports.get(service).get(instance);
    }

    public List<String> urls(Service service) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            urls.add(url(service, i));
        }
        return urls;
    }

    /** SIGKILL of one instance, as a crash: no shutdown hooks, no leaving the group; its state directory stays. */
    public void kill(Service service, int instance) {
        progress.accept("Killing " + name(service, instance) + " (SIGKILL)");
        running.get(name(service, instance)).kill();
    }

    /** Starts the given instance of every service again, on its port and state directory, and waits until all are ready. */
    public void restartEveryService(int instance) {
        for (Service service : Service.values()) {
            startInstance(service, instance);
        }
        for (Service service : Service.values()) {
            awaitInstance(service, instance);
        }
    }

    /** Stops every part this object started: the services, then the registry and the cluster. */
    public void stop() {
        running.values().forEach(process -> process.stop(STOP_GRACE));
        running.clear();
        Optional.ofNullable(registryProcess).ifPresent(process -> process.stop(STOP_GRACE));
        cluster.stop(STOP_GRACE);
    }

    private void startInstance(Service service, int instance) {
        String name = name(service, instance);
        progress.accept("Starting " + name + " on " + url(service, instance));
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.port", Integer.toString(ports.get(service).get(instance)));
        props.put("kafka.bootstrap.servers", cluster.bootstrapServers());
        props.put("noesis.state-dir", settings.dataDir().resolve("state").resolve(name).toString());
        running.put(name, ManagedProcess.start(name, LocalStack.serviceCommand(settings, service, registry, props),
                settings.runDir(), settings.logDir().resolve(name + ".log")));
    }

    private void awaitInstance(Service service, int instance) {
        running.get(name(service, instance)).awaitReady(
                () -> HttpProbe.answersOk(url(service, instance) + "/q/health/ready"), START_TIMEOUT);
    }

    private static String name(Service service, int instance) {
        return service.module() + "-" + (instance + 1);
    }
}
