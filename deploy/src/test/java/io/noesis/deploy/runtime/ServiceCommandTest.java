package io.noesis.deploy.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceCommandTest {

    @Test
    void aServiceKeepsItsTemporaryFilesInTheStacksRunFolder(@TempDir Path dataDir) throws Exception {
        StackSettings settings = StackSettings.randomPorts(dataDir, dataDir, Map.of());
        Path jar = settings.serviceJar(Service.EPISODE);
        Files.createDirectories(jar.getParent());
        Files.createFile(jar);
        SchemaRegistry registry = new SchemaRegistry(dataDir, Ports.freePort(), null);

        List<String> command = LocalStack.serviceCommand(settings, Service.EPISODE, registry, Map.of());

        assertTrue(command.contains("-Djava.io.tmpdir=" + settings.runDir()), command.toString());
    }
}
