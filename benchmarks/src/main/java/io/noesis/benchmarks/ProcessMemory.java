package io.noesis.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory of a process: resident, from Linux's /proc, and the JVM's own account of it, from Native Memory Tracking. */
final class ProcessMemory {

    /** "-   Java Heap (reserved=262144KB, committed=81920KB)": one category of the JVM's native memory. */
    private static final Pattern CATEGORY = Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB");
    private static final Pattern TOTAL = Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB");
    static final String TOTAL_COMMITTED = "Total committed";

    static double rssMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
            throw new IllegalStateException("No VmRSS for process " + pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Committed megabytes by the JVM's categories (Java Heap, Class, Thread, Code, GC, …) and their total, when
     * the process runs with -XX:NativeMemoryTracking=summary; memory the JVM does not allocate itself (RocksDB's,
     * and what malloc keeps) is the difference between the RSS and the total.
     */
    static Optional<Map<String, Double>> nativeMemoryMegabytes(long pid) throws IOException, InterruptedException {
        String summary = Jcmd.run(pid, "VM.native_memory", "summary");
        Map<String, Double> committed = new LinkedHashMap<>();
        for (String line : summary.lines().map(String::strip).toList()) {
            Matcher total = TOTAL.matcher(line);
            Matcher category = CATEGORY.matcher(line);
            if (total.find()) {
                committed.put(TOTAL_COMMITTED, Long.parseLong(total.group(1)) / 1024.0);
            } else if (category.find()) {
                committed.put(category.group(1), Long.parseLong(category.group(2)) / 1024.0);
            }
        }
        return committed.isEmpty() ? Optional.empty() : Optional.of(committed);
    }

    private ProcessMemory() {
    }
}
