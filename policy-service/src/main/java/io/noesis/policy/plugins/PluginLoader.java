package io.noesis.policy.plugins;

import io.noesis.policy.domain.DirectedIntuition;
import io.noesis.policy.domain.IsolatedPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Loads an organisation's own policies: every DirectedIntuition that the jars in a directory declare in
 * META-INF/services/io.noesis.policy.domain.DirectedIntuition, each isolated so that its failures fail closed.
 */
public final class PluginLoader {

    public static List<DirectedIntuition> load(Path directory) {
        URL[] jars = jarsIn(directory);
        ClassLoader loader = new URLClassLoader("noesis-policy-plugins", jars, DirectedIntuition.class.getClassLoader());
        return ServiceLoader.load(DirectedIntuition.class, loader).stream()
                .map(provider -> (DirectedIntuition) new IsolatedPolicy(provider.get()))
                .toList();
    }

    private static URL[] jarsIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted()
                    .map(PluginLoader::url).toArray(URL[]::new);
        } catch (IOException error) {
            throw new UncheckedIOException("cannot list the policy plugins in " + directory, error);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException error) {
            throw new IllegalArgumentException("not a loadable jar: " + jar, error);
        }
    }

    private PluginLoader() {
    }
}
