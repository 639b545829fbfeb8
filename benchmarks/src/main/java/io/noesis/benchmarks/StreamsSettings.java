package io.noesis.benchmarks;

import io.noesis.deploy.runtime.Service;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka Streams settings the measured services were built with, read from their jars (service-support's
 * META-INF/microprofile-config.properties for every service, and each service's application.properties),
 * so that the report names what ran rather than a copy that can drift from it. Settings that depend on
 * the run (addresses, directories, replication) are left out.
 */
record StreamsSettings(Map<String, String> everyService, Map<Service, Map<String, String>> ownSettings) {

    private static final String PREFIX = "kafka-streams.";
    private static final String SHARED = "META-INF/microprofile-config.properties";
    private static final String OWN = "application.properties";
    /** Kafka Streams' defaults that matter to the figures, named when no configuration sets them. */
    private static final Map<String, String> NOTABLE_DEFAULTS = Map.of("num.stream.threads", "1", "producer.linger.ms", "100");

    static final String PRODUCER_BATCH_SIZE = "producer.batch.size";

    static StreamsSettings of(Path home) {
        Path app = home.resolve(Service.EPISODE.module()).resolve("target/quarkus-app");
        Map<String, String> shared = streamsSettings(onlyJar(app.resolve("lib/main"), "io.noesis.service-support-"), SHARED);
        Map<Service, Map<String, String>> own = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            Path jar = onlyJar(home.resolve(service.module()).resolve("target/quarkus-app/app"), service.module() + "-");
            own.put(service, streamsSettings(jar, OWN));
        }
        return new StreamsSettings(shared, own);
    }

    /** The batch size every service's Streams producers use; Kafka's default unless the services set one. */
    int producerBatchSize() {
        return Integer.parseInt(everyService.getOrDefault(PRODUCER_BATCH_SIZE,
                String.valueOf(ProducerConfig.configDef().defaultValues().get(ProducerConfig.BATCH_SIZE_CONFIG))));
    }

    /** One line for the report: the shared settings, each service's own, and the notable defaults left. */
    String describe() {
        StringBuilder line = new StringBuilder("every service ").append(list(everyService));
        ownSettings.forEach((service, settings) -> {
            if (!settings.isEmpty()) {
                line.append("; ").append(service.module()).append(' ').append(list(settings));
            }
        });
        Map<String, String> defaults = new TreeMap<>(NOTABLE_DEFAULTS);
        defaults.keySet().removeIf(key -> everyService.containsKey(key)
                || ownSettings.values().stream().anyMatch(settings -> settings.containsKey(key)));
        if (!defaults.isEmpty()) {
            line.append("; Kafka Streams' defaults otherwise, among them ").append(list(defaults));
        }
        return line.toString();
    }

    private static String list(Map<String, String> settings) {
        return settings.entrySet().stream().map(setting -> "`" + setting.getKey() + "=" + setting.getValue() + "`")
                .collect(Collectors.joining(", "));
    }

    private static Map<String, String> streamsSettings(Path jar, String entry) {
        Properties properties = new Properties();
        try (FileSystem files = FileSystems.newFileSystem(jar); Reader reader = Files.newBufferedReader(files.getPath(entry))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry + " in " + jar, e);
        }
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().stream()
                .filter(name -> name.startsWith(PREFIX) && !properties.getProperty(name).contains("${"))
                .forEach(name -> settings.put(name.substring(PREFIX.length()), simpleName(properties.getProperty(name))));
        return settings;
    }

    /** A class is named without its package. */
    private static String simpleName(String value) {
        return value.matches("([a-z][a-z0-9]*\\.)+[A-Z]\\w*") ? value.substring(value.lastIndexOf('.') + 1) : value;
    }

    private static Path onlyJar(Path folder, String prefix) {
        try (Stream<Path> jars = Files.list(folder)) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + prefix + "*.jar in " + folder + ": build the services first"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
