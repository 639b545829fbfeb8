package io.noesis.deploy.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A child process of the stack with its log file and pid file, so that a later command (down,
 * status) finds it again after the starting JVM has exited.
 */
public final class ManagedProcess {

    private final String name;
    private final ProcessHandle handle;
    private final Path logFile;

    private ManagedProcess(String name, ProcessHandle handle, Path logFile) {
        this.name = name;
        this.handle = handle;
        this.logFile = logFile;
    }

    public static ManagedProcess start(String name, List<String> command, Path runDir, Path logFile) {
        try {
            Files.createDirectories(runDir);
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command);
            // glibc can give each allocating thread a malloc arena of its own (up to 8 per core); RocksDB and
            // Kafka's threads allocate natively, and the arenas' slack is resident memory. Two are plenty here
            // (docs/performance.md has what it bought).
            builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            Process process = builder
                    .directory(runDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            Files.writeString(pidFile(runDir, name), Long.toString(process.pid()));
            return new ManagedProcess(name, process.toHandle(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** The process a previous start left in runDir, if it still runs. */
    public static Optional<ManagedProcess> find(String name, Path runDir, Path logFile) {
        Path pidFile = pidFile(runDir, name);
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(h -> new ManagedProcess(name, h, logFile));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return handle.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /** Waits until ready() holds; fails early, pointing at the log, if the process dies meanwhile. */
    public void awaitReady(BooleanSupplier ready, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!ready.getAsBoolean()) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited during start; see " + logFile);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s; see " + logFile);
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
    public void stop(Duration grace) {
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception stillRunning) {
            handle.destroyForcibly();
            handle.onExit().join();
        }
    }

    /** SIGKILL at once, for fault tests. */
    public void kill() {
        handle.destroyForcibly();
        handle.onExit().join();
    }

    private static Path pidFile(Path runDir, String name) {
        return runDir.resolve(name + ".pid");
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
