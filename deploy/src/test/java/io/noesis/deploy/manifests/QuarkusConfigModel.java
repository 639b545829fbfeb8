package io.noesis.deploy.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Quarkus' own settings, from the configuration model each extension jar carries
 * (META-INF/quarkus-config-doc/quarkus-config-model.json, unpacked by the build into
 * target/quarkus-config-doc): the property, its environment variable and the phase in which it is read.
 */
final class QuarkusConfigModel {

    private static final String MODEL = "META-INF/quarkus-config-doc/quarkus-config-model.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One documented property of an extension. */
    record Setting(String property, String phase, String extension) {

        /** BUILD_TIME and BUILD_AND_RUN_TIME_FIXED settings are baked into the image: an environment variable changes nothing. */
        boolean fixedAtBuildTime() {
            return phase.startsWith("BUILD");
        }
    }

    private final Map<String, Setting> byEnvironmentName;

    private QuarkusConfigModel(Map<String, Setting> byEnvironmentName) {
        this.byEnvironmentName = byEnvironmentName;
    }

    static QuarkusConfigModel load(Path unpackedModels) {
        if (!Files.isDirectory(unpackedModels)) {
            throw new IllegalStateException(unpackedModels + " is missing: the build unpacks the extensions' models there");
        }
        Map<String, Setting> settings = new HashMap<>();
        try (Stream<Path> extensions = Files.list(unpackedModels)) {
            for (Path extension : extensions.toList()) {
                Path model = extension.resolve(MODEL);
                if (Files.exists(model)) {
                    collect(JSON.readTree(model.toFile()), extension.getFileName().toString(), settings);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new QuarkusConfigModel(settings);
    }

    Optional<Setting> setting(String environmentVariable) {
        return Optional.ofNullable(byEnvironmentName.get(environmentVariable));
    }

    int size() {
        return byEnvironmentName.size();
    }

    /** Properties sit in config roots and, nested, in sections: every node with a path and a phase is one. */
    private static void collect(JsonNode node, String extension, Map<String, Setting> settings) {
        JsonNode path = node.path("path");
        if (path.has("environmentVariable") && node.has("phase")) {
            settings.put(path.get("environmentVariable").asText(),
                    new Setting(path.path("property").asText(), node.get("phase").asText(), extension));
        }
        node.elements().forEachRemaining(child -> collect(child, extension, settings));
    }
}
