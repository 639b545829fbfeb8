package io.noesis.deploy.local;

import io.noesis.deploy.runtime.LocalStack;
import io.noesis.deploy.runtime.PortInUseException;
import io.noesis.deploy.runtime.Service;
import io.noesis.deploy.runtime.StackSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The local run: deploy/local/up, down, status and token call into this. */
@Command(name = "noesis-local", mixinStandardHelpOptions = true,
        description = "Runs Noesis Approvals on this machine: Kafka, the schema registry and the four services on loopback.",
        subcommands = {LocalCommand.Up.class, LocalCommand.Down.class, LocalCommand.Token.class})
public class LocalCommand {

    /** Options every subcommand shares: where the checkout and the data are. */
    static class Location {
        @Option(names = "--home", defaultValue = "${env:NOESIS_HOME:-.}", description = "The project checkout (default: ${DEFAULT-VALUE}).")
        Path home;

        @Option(names = "--data-dir", defaultValue = "${env:NOESIS_DATA_DIR:-.noesis/local}",
                description = "Broker and registry data, keys, state, logs (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        StackSettings settings(Ports ports) {
            StackSettings defaults = StackSettings.defaults(home.toAbsolutePath().normalize(), home.resolve(dataDir).toAbsolutePath().normalize());
            return ports == null ? defaults : ports.apply(defaults);
        }
    }

    static class Ports {
        @Option(names = "--kafka-port", defaultValue = "${env:NOESIS_KAFKA_PORT:-9092}") int kafka;
        @Option(names = "--controller-port", defaultValue = "${env:NOESIS_CONTROLLER_PORT:-9093}") int controller;
        @Option(names = "--registry-port", defaultValue = "${env:NOESIS_REGISTRY_PORT:-8081}") int registry;
        @Option(names = "--episode-port", defaultValue = "${env:NOESIS_EPISODE_PORT:-8080}") int episode;
        @Option(names = "--policy-port", defaultValue = "${env:NOESIS_POLICY_PORT:-8082}") int policy;
        @Option(names = "--approval-port", defaultValue = "${env:NOESIS_APPROVAL_PORT:-8083}") int approval;
        @Option(names = "--audit-port", defaultValue = "${env:NOESIS_AUDIT_PORT:-8084}") int audit;

        StackSettings apply(StackSettings defaults) {
            Map<Service, Integer> servicePorts = new EnumMap<>(Map.of(Service.EPISODE, episode, Service.POLICY, policy,
                    Service.APPROVAL, approval, Service.AUDIT, audit));
            return new StackSettings(defaults.home(), defaults.dataDir(), kafka, controller, registry, servicePorts,
                    true, defaults.serviceProperties());
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true, description = "Starts the whole system and waits until every part is healthy.")
    static class Up implements Callable<Integer> {
        @CommandLine.Mixin Location location;
        @CommandLine.ArgGroup(exclusive = false) Ports ports = new Ports();

        @Override
        public Integer call() {
            LocalStack stack = new LocalStack(location.settings(ports), message -> System.out.println("  " + message));
            long started = System.nanoTime();
            try {
                stack.start();
            } catch (PortInUseException | IllegalStateException failure) {
                System.err.println("noesis: " + failure.getMessage());
                return 1;
            }
            System.out.printf("Noesis Approvals is up (%.1f s):%n", (System.nanoTime() - started) / 1e9);
            stack.addresses().forEach((part, address) -> System.out.printf("  %-34s %s%n", part, address));
            System.out.println("Get a token: deploy/local/token alice --roles requester,approver");
            return 0;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stops every part; data stays for the next up.")
    static class Down implements Callable<Integer> {
        @CommandLine.Mixin Location location;

        @Override
        public Integer call() {
            List<String> stopped = new LocalStack(location.settings(null), message -> { }).stopRunning();
            System.out.println(stopped.isEmpty() ? "Nothing was running." : "Stopped: " + String.join(", ", stopped));
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Prints a signed bearer token of the local issuer for a user.")
    static class Token implements Callable<Integer> {
        @CommandLine.Mixin Location location;

        @Parameters(index = "0", description = "The user (the token's subject).")
        String name;

        @Option(names = "--roles", split = ",", defaultValue = "requester",
                description = "Roles: requester, approver, auditor, admin (default: ${DEFAULT-VALUE}).")
        Set<String> roles;

        @Option(names = "--groups", split = ",", description = "Approver groups, e.g. sre,dba.")
        Set<String> groups = Set.of();

        @Option(names = "--ttl", defaultValue = "PT8H", description = "Lifetime, ISO-8601 (default: ${DEFAULT-VALUE}).")
        Duration ttl;

        @Override
        public Integer call() {
            System.out.println(new LocalStack(location.settings(null), message -> { }).issuer().mint(name, roles, groups, ttl));
            return 0;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalCommand()).execute(args));
    }
}
