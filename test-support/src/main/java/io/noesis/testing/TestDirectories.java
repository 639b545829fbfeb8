package io.noesis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Folders for what outlives one test method (a broker's data, a registry, a whole stack), under the module's
 * {@code target} folder rather than the machine's temporary one: {@code mvn clean} removes them, and after a
 * failed run the logs and state are there to read. A test's own scratch folder is JUnit's {@code @TempDir}.
 */
public final class TestDirectories {

    private static final Path TARGET = Path.of("target");

    private TestDirectories() {
    }

    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(Files.createDirectories(TARGET), prefix).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
