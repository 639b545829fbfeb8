package io.noesis.service.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the schema registry answers: without it a service can write no record and cannot read
 * one whose schema it has not seen yet, so it should get no work. Liveness does not depend on it: waiting
 * for the registry is no reason to be restarted.
 */
@Readiness
@ApplicationScoped
public class RegistryReadiness implements HealthCheck {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    private final URI systemInfo;

    /** @param registryUrl the registry API the serdes use (Apicurio v3), which serves /system/info */
    public RegistryReadiness(@ConfigProperty(name = "noesis.registry.url") String registryUrl) {
        this.systemInfo = URI.create(registryUrl + "/system/info");
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Schema registry").status(answers()).withData("url", systemInfo.toString()).build();
    }

    private boolean answers() {
        try {
            HttpRequest request = HttpRequest.newBuilder(systemInfo).timeout(PROBE_TIMEOUT).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException unreachable) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
