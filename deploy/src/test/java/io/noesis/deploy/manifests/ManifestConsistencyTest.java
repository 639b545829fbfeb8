package io.noesis.deploy.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.noesis.deploy.runtime.Service;
import io.noesis.deploy.setup.ClusterSetup;
import io.noesis.schemas.Topic;
import io.noesis.schemas.TopicSettings;
import io.noesis.schemas.Topics;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The compose file and the Kubernetes manifests against the code: every setting they pass to a service is
 * one the service reads, the topics are the catalogue's, and the images are the ones the build makes.
 * Each failure names the file, the resource and the offending setting.
 */
class ManifestConsistencyTest {

    private static final Path HOME = Path.of(System.getProperty("noesis.home", "..")).toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("noesis.version", "0.1.0-SNAPSHOT");
    private static final Path COMPOSE = HOME.resolve("deploy/compose/compose.yaml");
    private static final Path K8S = HOME.resolve("deploy/k8s");
    /** Read by the JVM and its C library, not by MicroProfile Config: the heap size, the malloc arenas. */
    private static final Set<String> JVM_ENVIRONMENT = Set.of("JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX");
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final Pattern COMPOSE_DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)}");
    private static final QuarkusConfigModel QUARKUS = QuarkusConfigModel.load(HOME.resolve("deploy/target/quarkus-config-doc"));

    // ---------------------------------------------------------------- settings

    @Test
    void everySettingTheComposeFilePassesIsOneTheServiceOrTheSetupJobReads() {
        List<String> violations = new ArrayList<>();
        Map<String, Map<String, Object>> services = composeServices();
        for (Service service : Service.values()) {
            Map<String, Object> container = composeServiceWithImage(services, service.module());
            violations.addAll(settings(service).unread("compose.yaml service " + service.module(),
                    applicationSettings(composeEnvironment(container).keySet())));
        }
        violations.addAll(setupJobUnread("compose.yaml service setup",
                composeEnvironment(composeServiceWithImage(services, "setup")).keySet()));
        assertNoViolations(violations);
    }

    @Test
    void everySettingTheKubernetesManifestsPassIsOneTheServiceOrTheSetupJobReads() {
        List<String> violations = new ArrayList<>();
        Manifests manifests = Manifests.load();
        for (Service service : Service.values()) {
            Resource deployment = manifests.one("Deployment", service.module());
            Map<String, Object> container = onlyContainer(deployment);
            ServiceSettings settings = settings(service);
            violations.addAll(settings.unread(deployment + " env", applicationSettings(containerEnvironment(container).keySet())));
            for (String configMap : envFromNames(container, "configMapRef")) {
                Optional<Resource> source = manifests.find("ConfigMap", configMap);
                if (source.isEmpty()) {
                    violations.add(deployment + ": envFrom ConfigMap " + configMap + " does not exist");
                } else {
                    violations.addAll(settings.unread(source.get() + " (envFrom of " + service.module() + ")",
                            applicationSettings(map(source.get().doc().get("data")).keySet())));
                }
            }
            violations.addAll(missingSecretReferences(manifests, deployment, container));
        }
        Resource setup = manifests.one("Job", "noesis-setup");
        violations.addAll(setupJobUnread(setup + " env", containerEnvironment(onlyContainer(setup)).keySet()));
        assertNoViolations(violations);
    }

    @Test
    void aSettingNoServiceReadsIsNamedInTheFailure() {
        ServiceSettings episode = settings(Service.EPISODE);

        List<String> unread = episode.unread("config.yaml ConfigMap episode-service",
                List.of("KAFKA_BOOTSTRAP_SERVERS", "NOESIS_EPISODE_DEFAULT_APROVAL_TIMEOUT", "NOESIS_SLACK_ENABLED"));

        assertEquals(2, unread.size(), String.join("\n", unread));
        assertTrue(unread.get(0).startsWith("config.yaml ConfigMap episode-service: NOESIS_EPISODE_DEFAULT_APROVAL_TIMEOUT "
                + "is not a setting episode-service reads"), unread.get(0));
        assertTrue(unread.get(1).contains("NOESIS_SLACK_ENABLED"), "Slack is approval-service's: " + unread.get(1));
        assertTrue(settings(Service.APPROVAL).reads("NOESIS_SLACK_USERS_U0123ABCD"), "a key of a Map member is read");
    }

    @Test
    void quarkusRunTimeSettingsAreReadAndBuildTimeOnesAreNamedAsUseless() {
        ServiceSettings audit = settings(Service.AUDIT);
        assertTrue(QUARKUS.size() > 100, "the extensions' configuration models were not found: " + QUARKUS.size());

        List<String> unread = audit.unread("compose.yaml service audit-service",
                List.of("QUARKUS_LOG_LEVEL", "QUARKUS_HTTP_PORT", "QUARKUS_APPLICATION_NAME", "QUARKUS_HTTP_HOTS"));

        assertEquals(2, unread.size(), String.join("\n", unread));
        assertTrue(unread.get(0).startsWith("compose.yaml service audit-service: QUARKUS_APPLICATION_NAME sets quarkus.application.name, "
                + "which quarkus-core fixes when the image is built"), unread.get(0));
        assertTrue(unread.get(1).startsWith("compose.yaml service audit-service: QUARKUS_HTTP_HOTS is not a setting audit-service reads"),
                unread.get(1));
    }

    @Test
    void kubernetesReplicatesLikeProductionAndComposeLikeOneBroker() {
        Map<String, Object> common = map(Manifests.load().one("ConfigMap", "noesis-common").doc().get("data"));
        assertEquals(TopicSettings.PRODUCTION.serviceProperties(), Map.of(
                TopicSettings.REPLICATION_FACTOR, String.valueOf(common.get(environment(TopicSettings.REPLICATION_FACTOR))),
                TopicSettings.MIN_INSYNC_REPLICAS, String.valueOf(common.get(environment(TopicSettings.MIN_INSYNC_REPLICAS)))),
                "ConfigMap noesis-common: Kafka Streams' topics must be replicated like the KafkaTopics");

        Map<String, Map<String, Object>> services = composeServices();
        List<String> violations = new ArrayList<>();
        for (String image : Stream.concat(Stream.of("setup"), Stream.of(Service.values()).map(Service::module)).toList()) {
            Map<String, Object> variables = composeEnvironment(composeServiceWithImage(services, image));
            TopicSettings.SINGLE_BROKER.serviceProperties().forEach((property, value) -> expect(violations,
                    "compose.yaml service " + image + " " + environment(property) + " (one broker)", value,
                    variables.get(environment(property))));
        }
        assertNoViolations(violations);
    }

    // ---------------------------------------------------------------- topics

    @Test
    void everyKafkaTopicIsACatalogueTopicWithItsPartitionsRetentionAndCleanupPolicy() {
        List<String> violations = new ArrayList<>();
        for (Resource resource : Manifests.load().all("KafkaTopic")) {
            Map<String, Object> spec = map(resource.doc().get("spec"));
            String name = String.valueOf(spec.getOrDefault("topicName", resource.name()));
            Optional<Topic<?>> topic = Topics.ALL.stream().filter(t -> t.name().equals(name)).findFirst();
            if (topic.isEmpty()) {
                violations.add(resource + ": topic " + name + " is not in the catalogue (io.noesis.schemas.Topics)");
                continue;
            }
            TopicSettings production = TopicSettings.PRODUCTION;
            expect(violations, resource + " partitions", production.partitions(topic.get()), spec.get("partitions"));
            expect(violations, resource + " replicas", production.replicationFactor(), spec.get("replicas"));
            Map<String, Object> config = map(spec.get("config"));
            production.topicConfigs(topic.get()).forEach((key, value) -> expect(violations, resource + " config " + key, value, config.get(key)));
            config.keySet().stream().filter(key -> !production.topicConfigs(topic.get()).containsKey(key))
                    .forEach(key -> violations.add(resource + ": config " + key + " is not one the catalogue sets"));
        }
        assertNoViolations(violations);
    }

    @Test
    void everyCatalogueTopicHasAKafkaTopic() {
        Set<String> declared = new TreeSet<>();
        for (Resource resource : Manifests.load().all("KafkaTopic")) {
            declared.add(String.valueOf(map(resource.doc().get("spec")).getOrDefault("topicName", resource.name())));
        }
        List<String> missing = Topics.ALL.stream().map(Topic::name).filter(name -> !declared.contains(name))
                .map(name -> "deploy/k8s: no KafkaTopic for catalogue topic " + name).toList();
        assertNoViolations(missing);
    }

    // ---------------------------------------------------------------- deployments and images

    @Test
    void everyServiceRunsTwiceWithProbesResourcesAServiceAndADisruptionBudget() {
        Manifests manifests = Manifests.load();
        List<String> violations = new ArrayList<>();
        for (Service service : Service.values()) {
            Resource deployment = manifests.one("Deployment", service.module());
            Map<String, Object> spec = map(deployment.doc().get("spec"));
            if (((Number) spec.getOrDefault("replicas", 1)).intValue() < 2) {
                violations.add(deployment + ": replicas must be 2 or more");
            }
            Map<String, Object> container = onlyContainer(deployment);
            int port = servicePort(service);
            expect(violations, deployment + " containerPort", port, map(list(container.get("ports")).get(0)).get("containerPort"));
            expect(violations, deployment + " KAFKA_STREAMS_APPLICATION_SERVER", "$(POD_IP):" + port,
                    containerEnvironment(container).get("KAFKA_STREAMS_APPLICATION_SERVER"));
            Map.of("startupProbe", "/q/health/started", "readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live")
                    .forEach((probe, path) -> expect(violations, deployment + " " + probe + " path", path,
                            map(map(container.get(probe)).get("httpGet")).get("path")));
            Map<String, Object> resources = map(container.get("resources"));
            if (!map(resources.get("requests")).containsKey("memory") || !map(resources.get("limits")).containsKey("memory")) {
                violations.add(deployment + ": needs memory requests and limits");
            }
            if (manifests.find("Service", service.module()).isEmpty()) {
                violations.add("deploy/k8s: no Service " + service.module());
            }
            Object selected = manifests.find("PodDisruptionBudget", service.module())
                    .map(budget -> map(map(budget.doc().get("spec")).get("selector")).get("matchLabels")).orElse(null);
            expect(violations, "PodDisruptionBudget " + service.module() + " selector",
                    map(spec.get("selector")).get("matchLabels"), selected);
        }
        assertNoViolations(violations);
    }

    @Test
    void composeServesEachServiceOnItsPortAndTellsKafkaStreamsThatAddress() {
        List<String> violations = new ArrayList<>();
        Map<String, Map<String, Object>> services = composeServices();
        for (Service service : Service.values()) {
            Map<String, Object> container = composeServiceWithImage(services, service.module());
            int port = servicePort(service);
            expect(violations, "compose.yaml service " + service.module() + " KAFKA_STREAMS_APPLICATION_SERVER",
                    service.module() + ":" + port, composeEnvironment(container).get("KAFKA_STREAMS_APPLICATION_SERVER"));
            expect(violations, "compose.yaml service " + service.module() + " ports", List.of("127.0.0.1:" + port + ":" + port),
                    container.get("ports"));
            if (!services.containsKey(service.module())) {
                violations.add("compose.yaml: the service with image noesis/" + service.module() + " must be named "
                        + service.module() + ", the host name its application server gives");
            }
        }
        assertNoViolations(violations);
    }

    @Test
    void imagesAreTheOnesTheBuildMakesAtThisVersion() {
        List<String> violations = new ArrayList<>();
        Map<String, Map<String, Object>> services = composeServices();
        List<String> images = Stream.concat(Stream.of("setup"), Stream.of(Service.values()).map(Service::module)).toList();
        for (String image : images) {
            String reference = String.valueOf(composeServiceWithImage(services, image).get("image"));
            Matcher tag = COMPOSE_DEFAULT.matcher(reference);
            expect(violations, "compose.yaml image " + reference + " default tag", VERSION, tag.find() ? tag.group(1) : reference);
        }
        Map<String, String> tags = new TreeMap<>();
        for (Object entry : list(yaml(K8S.resolve("kustomization.yaml")).get("images"))) {
            tags.put(String.valueOf(map(entry).get("name")), String.valueOf(map(entry).get("newTag")));
        }
        Map<String, String> expected = new TreeMap<>();
        images.forEach(image -> expected.put("noesis/" + image, VERSION));
        assertEquals(expected, tags, "kustomization.yaml images: the tag of every noesis image must be the project version");
        assertNoViolations(violations);
    }

    @Test
    void theKustomizationListsEveryManifestAndOnlyExistingOnes() throws IOException {
        Set<String> listed = new TreeSet<>(Manifests.resourceFiles());
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(K8S)) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .forEach(present::add);
        }
        assertEquals(present, listed, "kustomization.yaml resources must be exactly the manifests in deploy/k8s");
    }

    // ---------------------------------------------------------------- helpers

    private static ServiceSettings settings(Service service) {
        return ServiceSettings.of(HOME, service.module(), QUARKUS);
    }

    private static String environment(String property) {
        return ServiceSettings.environmentName(property);
    }

    private static List<String> applicationSettings(Collection<String> variables) {
        return variables.stream().filter(variable -> !JVM_ENVIRONMENT.contains(variable)).sorted().toList();
    }

    private static List<String> setupJobUnread(String where, Collection<String> variables) {
        Set<String> read = new TreeSet<>();
        ClusterSetup.SETTINGS.forEach(setting -> read.add(environment(setting)));
        return applicationSettings(variables).stream().filter(variable -> !read.contains(variable))
                .map(variable -> where + ": " + variable + " is not a setting the setup job reads (ClusterSetup.SETTINGS)")
                .toList();
    }

    /** The port the service listens on, as its application.properties sets it (deployments do not change it). */
    private static int servicePort(Service service) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(HOME.resolve(service.module()).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Integer.parseInt(properties.getProperty("quarkus.http.port"));
    }

    private static void expect(List<String> violations, String what, Object expected, Object actual) {
        if (!String.valueOf(expected).equals(String.valueOf(actual))) {
            violations.add(what + ": expected " + expected + ", found " + actual);
        }
    }

    private static void assertNoViolations(List<String> violations) {
        assertTrue(violations.isEmpty(), () -> violations.size() + " problem(s):\n  " + String.join("\n  ", violations));
    }

    // compose

    private static Map<String, Map<String, Object>> composeServices() {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(yaml(COMPOSE).get("services")).forEach((name, service) -> services.put(name, map(service)));
        return services;
    }

    private static Map<String, Object> composeServiceWithImage(Map<String, Map<String, Object>> services, String image) {
        return services.values().stream()
                .filter(service -> String.valueOf(service.get("image")).startsWith("noesis/" + image + ":"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("compose.yaml has no service with image noesis/" + image));
    }

    /** A compose environment as a map, whether written as a map or as a list of KEY=value. */
    private static Map<String, Object> composeEnvironment(Map<String, Object> service) {
        Object environment = service.get("environment");
        if (environment instanceof List<?> entries) {
            Map<String, Object> variables = new LinkedHashMap<>();
            entries.forEach(entry -> {
                String[] pair = String.valueOf(entry).split("=", 2);
                variables.put(pair[0], pair.length > 1 ? pair[1] : null);
            });
            return variables;
        }
        return map(environment);
    }

    // kubernetes

    private static Map<String, Object> onlyContainer(Resource workload) {
        List<Object> containers = list(map(map(map(workload.doc().get("spec")).get("template")).get("spec")).get("containers"));
        assertEquals(1, containers.size(), workload + ": one container expected");
        return map(containers.get(0));
    }

    /**
     * A container's env as name to value (or to the source of the value). Variables that only exist to be
     * substituted into another one, like POD_IP in $(POD_IP):8080, are not settings and are left out.
     */
    private static Map<String, Object> containerEnvironment(Map<String, Object> container) {
        Map<String, Object> variables = new LinkedHashMap<>();
        list(container.get("env")).forEach(entry -> variables.put(String.valueOf(map(entry).get("name")),
                map(entry).containsKey("value") ? map(entry).get("value") : map(entry).get("valueFrom")));
        Set<String> substituted = new TreeSet<>();
        variables.values().forEach(value -> {
            Matcher reference = SUBSTITUTION.matcher(String.valueOf(value));
            while (reference.find()) {
                substituted.add(reference.group(1));
            }
        });
        substituted.forEach(variables::remove);
        return variables;
    }

    private static List<String> envFromNames(Map<String, Object> container, String kind) {
        return list(container.get("envFrom")).stream().map(entry -> map(entry).get(kind)).filter(Objects::nonNull)
                .map(reference -> String.valueOf(map(reference).get("name"))).toList();
    }

    /** secretKeyRef and secret volumes must name a secret, and a key, that the kustomization generates. */
    private static List<String> missingSecretReferences(Manifests manifests, Resource deployment, Map<String, Object> container) {
        List<String> violations = new ArrayList<>();
        for (Object entry : list(container.get("env"))) {
            Object reference = map(map(entry).get("valueFrom")).get("secretKeyRef");
            if (reference != null) {
                String secret = String.valueOf(map(reference).get("name"));
                String key = String.valueOf(map(reference).get("key"));
                if (!manifests.generatedSecretKeys(secret).contains(key)) {
                    violations.add(deployment + ": env " + map(entry).get("name") + " refers to key " + key
                            + " of secret " + secret + ", which the kustomization does not generate");
                }
            }
        }
        List<Object> volumes = list(map(map(map(deployment.doc().get("spec")).get("template")).get("spec")).get("volumes"));
        for (Object volume : volumes) {
            Object secret = map(volume).get("secret");
            if (secret != null && manifests.generatedSecretKeys(String.valueOf(map(secret).get("secretName"))).isEmpty()) {
                violations.add(deployment + ": volume " + map(volume).get("name") + " mounts secret "
                        + map(secret).get("secretName") + ", which the kustomization does not generate");
            }
        }
        return violations;
    }

    // yaml

    private static Map<String, Object> yaml(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    /** One Kubernetes object and the file it is in, for messages. */
    private record Resource(String file, Map<String, Object> doc) {

        String kind() {
            return String.valueOf(doc.get("kind"));
        }

        String name() {
            return String.valueOf(map(doc.get("metadata")).get("name"));
        }

        @Override
        public String toString() {
            return "deploy/k8s/" + file + " " + kind() + " " + name();
        }
    }

    /** Every object of the kustomization's resources, and the secrets it generates. */
    private record Manifests(List<Resource> resources, Map<String, Set<String>> generatedSecrets) {

        static List<String> resourceFiles() {
            return list(yaml(K8S.resolve("kustomization.yaml")).get("resources")).stream().map(String::valueOf).toList();
        }

        static Manifests load() {
            List<Resource> resources = new ArrayList<>();
            for (String file : resourceFiles()) {
                try (Reader reader = Files.newBufferedReader(K8S.resolve(file))) {
                    for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                        if (doc != null) {
                            resources.add(new Resource(file, map(doc)));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            Map<String, Set<String>> secrets = new TreeMap<>();
            for (Object generator : list(yaml(K8S.resolve("kustomization.yaml")).get("secretGenerator"))) {
                Set<String> keys = new TreeSet<>();
                list(map(generator).get("files")).forEach(file -> keys.add(String.valueOf(file).split("=", 2)[0]));
                secrets.put(String.valueOf(map(generator).get("name")), keys);
            }
            return new Manifests(resources, secrets);
        }

        List<Resource> all(String kind) {
            return resources.stream().filter(resource -> resource.kind().equals(kind)).toList();
        }

        Optional<Resource> find(String kind, String name) {
            return all(kind).stream().filter(resource -> resource.name().equals(name)).findFirst();
        }

        Resource one(String kind, String name) {
            return find(kind, name).orElseThrow(() -> new AssertionError("deploy/k8s has no " + kind + " " + name));
        }

        Set<String> generatedSecretKeys(String secret) {
            return generatedSecrets.getOrDefault(secret, Set.of());
        }
    }
}
