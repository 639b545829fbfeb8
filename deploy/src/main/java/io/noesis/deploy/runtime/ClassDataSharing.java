package io.noesis.deploy.runtime;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Class-data sharing for the JVMs the local runtime starts (dynamic CDS archives). The first run of a
 * program records the classes it loaded into an archive as it exits normally; every later run maps them
 * instead of loading, parsing and verifying them again. The broker takes a third less CPU to start, and
 * the services less too, on a machine where every part of the stack starts at once and waits for the
 * cores. A stopped process writes its archive within a second; a killed one writes none, and the next
 * run records it again.
 * <p>
 * An archive is valid for one JVM, one set of JVM options and one class path; its name is a digest of
 * them (with each class-path file's size and time), so a rebuilt jar or another JDK gets an archive of
 * its own, which replaces the program's older ones. It lives in the build output beside the class path,
 * so a clean build removes it. The JVM checks the archive again as it maps it and, should it not match,
 * runs without it.
 */
final class ClassDataSharing {

    private static final String ARCHIVE_SUFFIX = ".jsa";

    private ClassDataSharing() {
    }

    /** The options that map the program's archive if one was recorded, and record it otherwise. */
    static List<String> jvmOptions(String program, List<String> otherJvmOptions, String classpath) {
        List<Path> files = classpathFiles(classpath);
        Path archiveDir = files.get(0).toAbsolutePath().getParent();
        Path archive = archiveDir.resolve(program + "-" + digest(otherJvmOptions, files) + ARCHIVE_SUFFIX);
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        deleteOlderArchives(archiveDir, program);
        return List.of("-XX:ArchiveClassesAtExit=" + archive);
    }

    private static void deleteOlderArchives(Path archiveDir, String program) {
        try (Stream<Path> files = Files.list(archiveDir)) {
            for (Path old : files.filter(file -> isArchiveOf(file, program)).toList()) {
                Files.deleteIfExists(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isArchiveOf(Path file, String program) {
        String name = file.getFileName().toString();
        return name.startsWith(program + "-") && name.endsWith(ARCHIVE_SUFFIX);
    }

    private static String digest(List<String> jvmOptions, List<Path> classpathFiles) {
        List<String> facts = new ArrayList<>(List.of(System.getProperty("java.home"),
                System.getProperty("java.vm.version")));
        facts.addAll(jvmOptions);
        classpathFiles.forEach(file -> facts.add(describe(file)));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            facts.forEach(fact -> sha.update((fact + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> classpathFiles(String classpath) {
        return Stream.of(classpath.split(File.pathSeparator)).flatMap(entry -> filesOf(entry).stream()).toList();
    }

    /** A class-path entry's files: the jar itself, or every jar of a directory given as dir/*. */
    private static List<Path> filesOf(String entry) {
        if (!entry.endsWith("*")) {
            return List.of(Path.of(entry));
        }
        try (Stream<Path> files = Files.list(Path.of(entry.substring(0, entry.length() - 1)))) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Path file) {
        try {
            return file.toAbsolutePath() + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
