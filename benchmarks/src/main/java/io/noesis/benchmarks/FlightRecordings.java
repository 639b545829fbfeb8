package io.noesis.benchmarks;

import io.noesis.deploy.runtime.LocalStack;
import io.noesis.deploy.runtime.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JDK Flight Recorder profiles of the running services, started and stopped with jcmd, so a benchmark
 * can show where the time goes without restarting anything with other options.
 */
final class FlightRecordings {

    private static final String NAME = "noesis-benchmark";

    private final List<Long> pids;

    private FlightRecordings(List<Long> pids) {
        this.pids = pids;
    }

    /** Starts a recording in every service, one file per service in the folder; none when folder is null. */
    static FlightRecordings start(LocalStack stack, Path folder) throws IOException, InterruptedException {
        List<Long> pids = new ArrayList<>();
        if (folder != null) {
            Files.createDirectories(folder);
            for (Service service : Service.values()) {
                long pid = stack.process(service).orElseThrow().pid();
                Path file = folder.toAbsolutePath().resolve(service.module() + "-" + System.currentTimeMillis() + ".jfr");
                Jcmd.run(pid, "JFR.start", "name=" + NAME, "settings=profile", "filename=" + file);
                pids.add(pid);
            }
        }
        return new FlightRecordings(pids);
    }

    void stop() throws IOException, InterruptedException {
        for (long pid : pids) {
            Jcmd.run(pid, "JFR.stop", "name=" + NAME);
        }
    }

}
