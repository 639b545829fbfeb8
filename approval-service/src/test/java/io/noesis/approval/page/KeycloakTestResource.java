package io.noesis.approval.page;

import io.noesis.testing.NoesisTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Utils;

/**
 * A real OIDC provider for the page's sign-in: Keycloak (unpacked by the build from Maven Central) started in
 * development mode as a child process, with src/test/resources/keycloak/noesis-realm.json imported. The
 * service is configured as it would be against any provider: the page's client and issuer, and SmallRye JWT
 * verifying tokens with the realm's JWKS. The realm's mappers put realm roles in "roles" and group names in
 * "approver_groups" (not "groups": SmallRye JWT replaces that claim with the roles it found elsewhere); its
 * page client leaves out Keycloak's "basic" scope, so access tokens carry no sub (a user id nobody
 * recognises) and the approver's name comes from preferred_username.
 */
public class KeycloakTestResource extends NoesisTestResource {

    static final String CLIENT_ID = "noesis-approval-page";
    static final String USER = "olivia";
    static final String PASSWORD = "olivia-signs-in";

    private static final Path HOME = Path.of(System.getProperty("noesis.keycloak.home", "target/keycloak/missing"));
    private static final Path REALM = Path.of("src/test/resources/keycloak/noesis-realm.json");
    private static final Path LOG = Path.of("target/keycloak.log");
    /** The first start in development mode builds Keycloak for its options, which takes a while on a small machine. */
    private static final Duration START_WAIT = Duration.ofMinutes(5);
    private static final int KEYCLOAK_JAVA = 21;

    private Process keycloak;

    /** Why Keycloak cannot run here, if it cannot: then the test is skipped and says so. */
    static Optional<String> unavailable() {
        if (!Files.isRegularFile(HOME.resolve("bin/kc.sh"))) {
            return Optional.of("Skipped: Keycloak is not unpacked at " + HOME + " (the Maven build does that).");
        }
        return javaHome().isPresent() ? Optional.empty()
                : Optional.of("Skipped: Keycloak needs Java " + KEYCLOAK_JAVA + " or newer; set -Dnoesis.keycloak.java-home.");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        if (unavailable().isPresent()) {
            return config;
        }
        String issuer = startKeycloak() + "/realms/noesis";
        config.put("noesis.oidc.issuer", issuer);
        config.put("noesis.oidc.client-id", CLIENT_ID);
        config.put("mp.jwt.verify.publickey.location", issuer + "/protocol/openid-connect/certs");
        config.put("mp.jwt.verify.issuer", issuer);
        config.put("smallrye.jwt.path.groups", "roles");
        config.put("smallrye.jwt.path.sub", "preferred_username");
        config.put("noesis.approval.approver-groups-claim", "approver_groups");
        return config;
    }

    @Override
    public void stop() {
        if (keycloak != null) {
            keycloak.destroy();
            try {
                if (!keycloak.waitFor(30, TimeUnit.SECONDS)) {
                    keycloak.destroyForcibly();
                }
            } catch (InterruptedException interrupted) {
                keycloak.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        super.stop();
    }

    /** Starts Keycloak on free loopback ports and waits until the realm answers; returns its base URL. */
    private String startKeycloak() {
        try {
            // A fresh database each run, so the realm is imported as the file says now (an existing one is kept).
            Utils.delete(HOME.resolve("data/h2").toFile());
            Path imports = Files.createDirectories(HOME.resolve("data/import"));
            Files.copy(REALM, imports.resolve(REALM.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            int port = freePort();
            ProcessBuilder command = new ProcessBuilder("bash", HOME.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + freePort(),
                    "--import-realm")
                    .redirectErrorStream(true)
                    .redirectOutput(LOG.toFile());
            command.environment().put("JAVA_HOME", javaHome().orElseThrow().toString());
            command.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            keycloak = command.start();
            String base = "http://127.0.0.1:" + port;
            awaitRealm(base + "/realms/noesis/.well-known/openid-configuration");
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while Keycloak started", interrupted);
        }
    }

    private void awaitRealm(String discovery) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_WAIT);
        while (Instant.now().isBefore(deadline)) {
            if (!keycloak.isAlive()) {
                throw new IllegalStateException("Keycloak stopped at start; its log:\n" + Files.readString(LOG));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(discovery)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep waiting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak did not serve the realm within " + START_WAIT + "; its log:\n"
                + Files.readString(LOG));
    }

    /**
     * A JDK new enough for Keycloak: the one named by -Dnoesis.keycloak.java-home, the one running the tests, or
     * the newest installed beside it (JDKs usually share a parent folder).
     */
    private static Optional<Path> javaHome() {
        String configured = System.getProperty("noesis.keycloak.java-home");
        if (configured != null) {
            return Optional.of(Path.of(configured));
        }
        Path running = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() >= KEYCLOAK_JAVA) {
            return Optional.of(running);
        }
        try (Stream<Path> installed = Files.list(running.getParent())) {
            return installed.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> featureVersion(home) >= KEYCLOAK_JAVA)
                    .max(Comparator.comparingInt(KeycloakTestResource::featureVersion));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /** The Java feature version a JDK's release file names (JAVA_VERSION="25.0.3"), or 0. */
    private static int featureVersion(Path home) {
        try (Stream<String> lines = Files.lines(home.resolve("release"))) {
            return lines.filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                    .map(version -> Integer.parseInt(version.split("[.+-]")[0]))
                    .findFirst()
                    .orElse(0);
        } catch (IOException | NumberFormatException unknown) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
