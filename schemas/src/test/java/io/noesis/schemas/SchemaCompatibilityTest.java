package io.noesis.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * The build fails when a schema is not BACKWARD compatible (new readers must read old data) with its
 * previous committed version. Every committed version is checked against the one before it, and the
 * working tree against the last commit, so an incompatible change cannot slip in even as a commit.
 */
class SchemaCompatibilityTest {

    private static final String AVRO_DIR = "schemas/src/main/avro";

    @Test
    void everySchemaVersionIsBackwardCompatibleWithTheOneBefore() throws Exception {
        Path root = repositoryRoot();
        assumeTrue(root != null, "not a git checkout: no committed versions to compare with");
        List<String> commits = new ArrayList<>(hasCommits(root)
                ? lines(root, "git", "log", "--format=%H", "--", AVRO_DIR) : List.of());
        Collections.reverse(commits);

        List<String> failures = new ArrayList<>();
        Map<String, Schema> previous = null;
        String previousLabel = null;
        for (String commit : commits) {
            Map<String, Schema> current = committedSchemas(root, commit);
            failures.addAll(incompatibilities(previous, current, previousLabel, commit.substring(0, 8)));
            previous = current;
            previousLabel = commit.substring(0, 8);
        }
        failures.addAll(incompatibilities(previous, workingTreeSchemas(root), previousLabel, "working tree"));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void catalogueKeepsEpisodeTopicsCoPartitioned() {
        Topics.ALL.stream()
                .filter(topic -> topic != Topics.AUDIT_LOG && topic != Topics.DEAD_LETTERS)
                .forEach(topic -> assertEquals(Topics.EPISODE_PARTITIONS, topic.partitions(), topic.name()));
        assertEquals(1, Topics.AUDIT_LOG.partitions(), "the audit chain needs one partition");
        assertTrue(Topics.EPISODE_EVENTS.keepsForever() && Topics.AUDIT_LOG.keepsForever());
    }

    private static List<String> incompatibilities(Map<String, Schema> older, Map<String, Schema> newer,
            String olderLabel, String newerLabel) {
        List<String> failures = new ArrayList<>();
        if (older == null) {
            return failures;
        }
        older.forEach((name, olderSchema) -> {
            Schema newerSchema = newer.get(name);
            if (newerSchema == null) {
                failures.add(name + " was removed in " + newerLabel);
                return;
            }
            var result = SchemaCompatibility.checkReaderWriterCompatibility(newerSchema, olderSchema);
            if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                failures.add(name + " in " + newerLabel + " cannot read data written with " + olderLabel + ": "
                        + result.getResult().getIncompatibilities());
            }
        });
        return failures;
    }

    private static Map<String, Schema> committedSchemas(Path root, String commit) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        for (String file : lines(root, "git", "ls-tree", "-r", "--name-only", commit, AVRO_DIR)) {
            if (file.endsWith(".avsc")) {
                files.put(file, String.join("\n", lines(root, "git", "show", commit + ":" + file)));
            }
        }
        return parse(files);
    }

    private static Map<String, Schema> workingTreeSchemas(Path root) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.walk(root.resolve(AVRO_DIR))) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".avsc")).sorted().toList()) {
                files.put(root.relativize(path).toString(), Files.readString(path));
            }
        }
        return parse(files);
    }

    /** Parses shared types (common/) first, then the top-level records; returns the top-level ones by full name. */
    private static Map<String, Schema> parse(Map<String, String> files) {
        Schema.Parser parser = new Schema.Parser();
        files.entrySet().stream().filter(file -> file.getKey().contains("/common/"))
                .forEach(file -> parser.parse(file.getValue()));
        Map<String, Schema> topLevel = new LinkedHashMap<>();
        files.entrySet().stream().filter(file -> !file.getKey().contains("/common/"))
                .map(file -> parser.parse(file.getValue()))
                .forEach(schema -> topLevel.put(schema.getFullName(), schema));
        return topLevel;
    }

    private static boolean hasCommits(Path root) {
        try {
            return !lines(root, "git", "rev-parse", "--verify", "--quiet", "HEAD").isEmpty();
        } catch (Exception noHead) {
            return false;
        }
    }

    private static Path repositoryRoot() {
        try {
            List<String> out = lines(Path.of("").toAbsolutePath(), "git", "rev-parse", "--show-toplevel");
            return out.isEmpty() ? null : Path.of(out.get(0));
        } catch (Exception notGit) {
            return null;
        }
    }

    private static List<String> lines(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
        return out.isBlank() ? List.of() : List.of(out.split("\n"));
    }
}
