package io.noesis.deploy.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTest {

    private static final List<String> HEAP = List.of("-Xmx256m");

    @TempDir
    Path buildDir;

    @Test
    void theFirstRunRecordsTheArchiveThatLaterRunsMap() throws Exception {
        Path jar = Files.writeString(buildDir.resolve("quarkus-run.jar"), "a jar");

        Path recorded = archiveIn(ClassDataSharing.jvmOptions("episode-service", HEAP, jar.toString()), "-XX:ArchiveClassesAtExit=");
        assertEquals(buildDir, recorded.getParent(), "the archive lives in the build output, beside the jar");
        Files.writeString(recorded, "what the JVM wrote at exit");

        Path mapped = archiveIn(ClassDataSharing.jvmOptions("episode-service", HEAP, jar.toString()), "-XX:SharedArchiveFile=");
        assertEquals(recorded, mapped);
    }

    @Test
    void aRebuiltClassPathGetsAnArchiveOfItsOwnAndTheOldOneGoes() throws Exception {
        Path lib = Files.createDirectories(buildDir.resolve("lib"));
        Path jar = Files.writeString(lib.resolve("kafka.jar"), "a jar");
        Path old = archiveIn(ClassDataSharing.jvmOptions("kafka", HEAP, lib + "/*"), "-XX:ArchiveClassesAtExit=");
        Files.writeString(old, "an archive");

        Files.writeString(jar, "a rebuilt jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        Path rebuilt = archiveIn(ClassDataSharing.jvmOptions("kafka", HEAP, lib + "/*"), "-XX:ArchiveClassesAtExit=");

        assertNotEquals(old, rebuilt);
        assertFalse(Files.exists(old), "an archive the class path no longer matches is deleted");
    }

    @Test
    void otherJvmOptionsGetAnArchiveOfTheirOwn() throws Exception {
        Path jar = Files.writeString(buildDir.resolve("quarkus-run.jar"), "a jar");

        Path plain = archiveIn(ClassDataSharing.jvmOptions("audit-service", HEAP, jar.toString()), "-XX:ArchiveClassesAtExit=");
        Path tracked = archiveIn(ClassDataSharing.jvmOptions("audit-service",
                List.of("-Xmx256m", "-XX:NativeMemoryTracking=summary"), jar.toString()), "-XX:ArchiveClassesAtExit=");

        assertNotEquals(plain, tracked);
    }

    private static Path archiveIn(List<String> options, String prefix) {
        assertEquals(1, options.size(), "one option: " + options);
        assertTrue(options.get(0).startsWith(prefix), options.get(0));
        return Path.of(options.get(0).substring(prefix.length()));
    }
}
