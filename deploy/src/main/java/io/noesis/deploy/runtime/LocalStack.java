package io.noesis.deploy.runtime;

import io.noesis.deploy.security.LocalIssuer;
import io.noesis.schemas.registry.SchemaRegistration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The whole system on one machine: a Kafka broker, the schema registry, the topics and schemas, and
 * the four services as processes. Used by deploy/local/up and by the system tests alike.
 */
public final class LocalStack {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    public static final String SERVICE_JVM_OPTIONS_ENV = "NOESIS_SERVICE_JVM_OPTIONS";
    /**
     * Memory kept close to what a service holds, measured in docs/performance.md:
     * <ul>
     * <li>a small initial heap, which grows with what the service holds (left to the JVM, the initial heap is a
     * 64th of the machine's memory, all of the 256 MB here, and the serial collector touches all of it): it
     * grows when a collection leaves less than a tenth of it free, and shrinks when more than a fifth is;</li>
     * <li>the native heap trimmed every 5 s: otherwise glibc keeps what the JIT and RocksDB freed, 30 to 60 MB.</li>
     * </ul>
     */
    private static final String DEFAULT_SERVICE_JVM_OPTIONS = "-Xms32m -Xmx256m -XX:+UseSerialGC"
            + " -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:TrimNativeHeapInterval=5000";

    private final StackSettings settings;
    private final Consumer<String> progress;
    private final KafkaBroker broker;
    private final SchemaRegistry registry;
    private final Map<Service, ManagedProcess> services = new EnumMap<>(Service.class);
    private ManagedProcess brokerProcess;
    private ManagedProcess registryProcess;

    public LocalStack(StackSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
        this.broker = new KafkaBroker(settings.dataDir().resolve("kafka"), settings.kafkaPort(),
                settings.controllerPort(), settings.brokerClasspath());
        this.registry = new SchemaRegistry(settings.registryHome(), settings.registryPort(),
                settings.persistentRegistry() ? settings.dataDir().resolve("schema-registry") : null);
    }

    public StackSettings settings() {
        return settings;
    }

    public KafkaBroker broker() {
        return broker;
    }

    public SchemaRegistry registry() {
        return registry;
    }

    public LocalIssuer issuer() {
        return LocalIssuer.inDirectory(settings.keyDir());
    }

    /**
     * Starts everything and returns when every part is ready; stops what it started if any part fails.
     * The parts start as soon as what they need is there, so that the JVMs share the machine's cores
     * instead of waiting for each other: the broker first (the services need its topics), the registry
     * while the topics are created, the services once their topics exist, and the schemas are registered
     * while the services start (they look a schema up only for a record, and wait for an unreachable
     * registry).
     */
    public void start() {
        checkPortsFree();
        checkBuilt();
        try {
            startBroker();
            progress.accept("Starting the schema registry on 127.0.0.1:" + settings.registryPort());
            registryProcess = registry.start(settings.runDir(), settings.logDir());
            createTopics();
            launchAllServices();
            registry.awaitReady(registryProcess, START_TIMEOUT);
            registerSchemas();
            awaitAllServices();
        } catch (RuntimeException failure) {
            stop();
            throw failure;
        }
    }

    /** Starts the broker alone, on its port and data directory (again, after a kill), and waits until it answers. */
    public void startBroker() {
        progress.accept("Starting Kafka (KRaft) on 127.0.0.1:" + settings.kafkaPort());
        brokerProcess = broker.start(settings.runDir(), settings.logDir());
        broker.awaitReady(brokerProcess, START_TIMEOUT);
    }

    /** Starts the schema registry alone and waits until it answers. */
    public void startRegistry() {
        progress.accept("Starting the schema registry on 127.0.0.1:" + settings.registryPort());
        registryProcess = registry.start(settings.runDir(), settings.logDir());
        registry.awaitReady(registryProcess, START_TIMEOUT);
    }

    /** SIGKILL of the broker, as a crash: no controlled shutdown, its data stays for the next start. */
    public void killBroker() {
        progress.accept("Killing Kafka (SIGKILL)");
        brokerProcess.kill();
    }

    /** SIGKILL of the schema registry: what it stored stays for the next start. */
    public void killRegistry() {
        progress.accept("Killing the schema registry (SIGKILL)");
        registryProcess.kill();
    }

    /** SIGKILL of a service, as a crash: no shutdown hooks, its state directory stays for the next start. */
    public void kill(Service service) {
        progress.accept("Killing " + service.module() + " (SIGKILL)");
        services.get(service).kill();
    }

    public void prepareTopicsAndSchemas() {
        createTopics();
        registerSchemas();
    }

    public void createTopics() {
        progress.accept("Creating topics");
        TopicSetup.createAll(broker.bootstrapServers(), settings.topics());
    }

    public void registerSchemas() {
        progress.accept("Registering schemas (BACKWARD compatibility)");
        new SchemaRegistration(registry.confluentApiUrl()).registerAll();
    }

    private void launchAllServices() {
        issuer();
        for (Service service : Service.values()) {
            startService(service);
        }
    }

    private void awaitAllServices() {
        for (Service service : Service.values()) {
            awaitService(service);
        }
    }

    public ManagedProcess startService(Service service) {
        progress.accept("Starting " + service.module() + " on " + settings.serviceUrl(service));
        ManagedProcess process = ManagedProcess.start(service.module(), serviceCommand(service), settings.runDir(),
                settings.logDir().resolve(service.module() + ".log"));
        services.put(service, process);
        return process;
    }

    public void awaitService(Service service) {
        services.get(service).awaitReady(() -> HttpProbe.answersOk(settings.serviceUrl(service) + "/q/health/ready"),
                START_TIMEOUT);
    }

    public Optional<ManagedProcess> process(Service service) {
        return Optional.ofNullable(services.get(service));
    }

    /** Stops every part this object started, services first. */
    public void stop() {
        services.values().forEach(process -> process.stop(STOP_GRACE));
        services.clear();
        Optional.ofNullable(registryProcess).ifPresent(process -> process.stop(STOP_GRACE));
        Optional.ofNullable(brokerProcess).ifPresent(process -> process.stop(STOP_GRACE));
    }

    /** Stops the parts a previous start left running, found through their pid files. */
    public List<String> stopRunning() {
        List<String> stopped = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Service service : Service.values()) {
            names.add(service.module());
        }
        names.add(SchemaRegistry.NAME);
        names.add(KafkaBroker.NAME);
        for (String name : names) {
            ManagedProcess.find(name, settings.runDir(), settings.logDir().resolve(name + ".log")).ifPresent(process -> {
                process.stop(STOP_GRACE);
                stopped.add(name);
            });
        }
        return stopped;
    }

    /** Where everything listens, for the user. */
    public Map<String, String> addresses() {
        Map<String, String> addresses = new LinkedHashMap<>();
        addresses.put("Kafka broker", broker.bootstrapServers());
        addresses.put("Schema registry (Confluent API)", registry.confluentApiUrl());
        for (Service service : Service.values()) {
            addresses.put(service.module(), settings.serviceUrl(service));
        }
        addresses.put("Policy rules (edit while running)", editableRulesFile().toString());
        addresses.put("Logs", settings.logDir().toString());
        return addresses;
    }

    private List<String> serviceCommand(Service service) {
        Map<String, String> instance = new LinkedHashMap<>();
        instance.put("quarkus.http.port", Integer.toString(settings.port(service)));
        instance.put("kafka.bootstrap.servers", broker.bootstrapServers());
        instance.put("noesis.state-dir", settings.dataDir().resolve("state").resolve(service.module()).toString());
        if (service == Service.POLICY) {
            instance.put("noesis.policy.rules-file", editableRulesFile().toString());
        }
        return serviceCommand(settings, service, registry, instance);
    }

    /**
     * The JVM options of a service's processes: a 256 MB heap with the serial collector, which gives memory
     * back to the system soonest on a small machine, and the service's own ({@link Service#jvmOptions()}),
     * unless NOESIS_SERVICE_JVM_OPTIONS replaces them all (a smaller heap, …). JAVA_TOOL_OPTIONS adds to them
     * instead (Native Memory Tracking for a memory breakdown).
     */
    public static List<String> serviceJvmOptions(Service service) {
        String configured = System.getenv(SERVICE_JVM_OPTIONS_ENV);
        if (configured != null) {
            return List.of(configured.trim().split("\\s+"));
        }
        // A service's own option replaces the default of the same name, so each option is given once.
        List<String> options = new ArrayList<>(Stream.of(DEFAULT_SERVICE_JVM_OPTIONS.split("\\s+"))
                .filter(option -> service.jvmOptions().stream().map(LocalStack::optionName).noneMatch(optionName(option)::equals))
                .toList());
        options.addAll(service.jvmOptions());
        return options;
    }

    /** An option without its value: -XX:MinHeapFreeRatio of -XX:MinHeapFreeRatio=30. */
    private static String optionName(String option) {
        int equals = option.indexOf('=');
        return equals < 0 ? option : option.substring(0, equals);
    }

    /**
     * The command line of one process of a service: the instance's own settings (HTTP port, Kafka, state
     * directory), then what every process of the stack shares; the stack's service properties win.
     */
    static List<String> serviceCommand(StackSettings settings, Service service, SchemaRegistry registry,
            Map<String, String> instance) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.host", "127.0.0.1");
        props.putAll(instance);
        props.put("noesis.registry.url", registry.registryApiUrl());
        props.put("noesis.jwt.public-key-location", settings.keyDir().resolve("publicKey.pem").toString());
        props.putAll(settings.topics().serviceProperties());
        // A process killed outright leaves its temporary files behind, among them the 14 MB native library
        // RocksDB unpacks at every start: in the stack's own folder, not the machine's.
        props.put("java.io.tmpdir", settings.runDir().toString());
        props.putAll(settings.serviceProperties());
        List<String> command = new ArrayList<>(List.of(KafkaBroker.java()));
        command.addAll(serviceJvmOptions(service));
        command.addAll(ClassDataSharing.jvmOptions(service.module(), serviceJvmOptions(service),
                settings.serviceJar(service).toString()));
        props.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", settings.serviceJar(service).toString()));
        return command;
    }

    /**
     * The policy rules of this stack, in its data directory so an operator can edit them while it runs
     * (policy-service reloads them); the first start copies the shipped defaults.
     */
    public Path editableRulesFile() {
        Path rules = settings.dataDir().resolve("policies.yaml");
        try {
            if (!Files.exists(rules)) {
                Files.createDirectories(rules.getParent());
                Files.copy(settings.home().resolve("policy-service/src/main/resources/noesis-policies.yaml"), rules);
            }
            return rules;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the policy rules file " + rules, e);
        }
    }

    private void checkPortsFree() {
        Ports.requireFree("Kafka broker", settings.kafkaPort());
        Ports.requireFree("Kafka controller", settings.controllerPort());
        Ports.requireFree("schema registry", settings.registryPort());
        for (Service service : Service.values()) {
            Ports.requireFree(service.module(), settings.port(service));
        }
    }

    private void checkBuilt() {
        for (Service service : Service.values()) {
            if (!Files.exists(settings.serviceJar(service))) {
                throw new IllegalStateException(settings.serviceJar(service) + " is missing: build first (./mvnw -DskipTests install)");
            }
        }
    }
}
