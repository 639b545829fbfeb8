package io.noesis.deploy.manifests;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The MicroProfile Config names a service reads, as its sources declare them: the keys of its
 * application.properties and of service-support's shared microprofile-config.properties, the names their
 * ${…} expressions look up, @ConfigProperty names and the members of @ConfigMapping interfaces, in the
 * service's and service-support's code; and Quarkus' own run-time settings, as its extensions document
 * them. A deployment may set only these.
 */
final class ServiceSettings {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_LOOKUP = Pattern.compile("get(?:Optional)?Value\\(\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    /** A member of a mapping interface: a return type, a name and no parameters. */
    private static final Pattern MAPPING_MEMBER = Pattern.compile("^\\s+([\\w.]+(?:<[^;()]*>)?)\\s+(\\w+)\\(\\);", Pattern.MULTILINE);
    private static final Pattern PROFILE = Pattern.compile("^%[\\w-]+\\.");

    private final String module;
    private final QuarkusConfigModel quarkus;
    private final Set<String> names = new TreeSet<>();
    /** Members of type Map: any key below them is read (noesis.slack.users.U0123). */
    private final Set<String> mapPrefixes = new TreeSet<>();

    private ServiceSettings(String module, QuarkusConfigModel quarkus) {
        this.module = module;
        this.quarkus = quarkus;
    }

    static ServiceSettings of(Path home, String module, QuarkusConfigModel quarkus) {
        ServiceSettings settings = new ServiceSettings(module, quarkus);
        settings.readProperties(home.resolve(module).resolve("src/main/resources/application.properties"));
        settings.readProperties(home.resolve("service-support/src/main/resources/META-INF/microprofile-config.properties"));
        settings.readSources(home.resolve(module).resolve("src/main/java"));
        settings.readSources(home.resolve("service-support/src/main/java"));
        return settings;
    }

    /** The environment variable MicroProfile Config maps to a property: non-alphanumerics become _, upper case. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    boolean reads(String environmentVariable) {
        return problem(environmentVariable).isEmpty();
    }

    /** Messages for the variables among these that the service does not read, each naming the variable. */
    List<String> unread(String where, Collection<String> environmentVariables) {
        return environmentVariables.stream()
                .flatMap(variable -> problem(variable).map(problem -> where + ": " + variable + " " + problem).stream())
                .toList();
    }

    /** Why setting this variable does nothing, if it does nothing. */
    private Optional<String> problem(String environmentVariable) {
        Optional<QuarkusConfigModel.Setting> quarkusSetting = quarkus.setting(environmentVariable);
        if (quarkusSetting.isPresent()) {
            QuarkusConfigModel.Setting setting = quarkusSetting.get();
            return setting.fixedAtBuildTime()
                    ? Optional.of("sets " + setting.property() + ", which " + setting.extension()
                            + " fixes when the image is built (" + setting.phase() + "): it changes nothing at run time")
                    : Optional.empty();
        }
        boolean declared = names.stream().anyMatch(name -> environmentName(name).equals(environmentVariable))
                || mapPrefixes.stream().anyMatch(prefix -> environmentVariable.startsWith(environmentName(prefix) + "_"));
        return declared ? Optional.empty() : Optional.of("is not a setting " + module
                + " reads (no MicroProfile Config property of that environment name is declared, nor a Quarkus run-time one)");
    }

    private void readProperties(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.forEach((key, value) -> {
            names.add(PROFILE.matcher(key.toString()).replaceFirst(""));
            Matcher expression = EXPRESSION.matcher(value.toString());
            while (expression.find()) {
                names.add(expression.group(1));
            }
        });
    }

    private void readSources(Path sourceRoot) {
        if (!Files.isDirectory(sourceRoot)) {
            return;
        }
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                readSource(Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readSource(String source) {
        collect(CONFIG_PROPERTY.matcher(source));
        collect(CONFIG_LOOKUP.matcher(source));
        Matcher mapping = CONFIG_MAPPING.matcher(source);
        if (mapping.find()) {
            String prefix = mapping.group(1);
            Matcher member = MAPPING_MEMBER.matcher(source);
            while (member.find()) {
                String name = prefix + "." + kebab(member.group(2));
                (member.group(1).startsWith("Map<") ? mapPrefixes : names).add(name);
            }
        }
    }

    private void collect(Matcher matcher) {
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
    }

    /** SmallRye's default naming of mapping members: outcomeWait is outcome-wait. */
    private static String kebab(String member) {
        return member.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
