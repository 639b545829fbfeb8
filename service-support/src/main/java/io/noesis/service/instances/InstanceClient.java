package io.noesis.service.instances;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks another instance of the service the caller's own question, with the caller's token, and with
 * scope=local so that the other instance answers from its own stores instead of forwarding again. Its error
 * answers are passed on as they came (ForwardedAnswerException); an instance that cannot be asked is a 503
 * (InstanceUnavailableException).
 */
@ApplicationScoped
public class InstanceClient {

    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;

    public InstanceClient(ObjectMapper json,
            @ConfigProperty(name = "noesis.instances.forward-timeout", defaultValue = "PT10S") Duration timeout) {
        this.json = json;
        this.timeout = timeout;
        // Plain HTTP/1.1: the instances speak it, and an h2c upgrade attempt only adds a round of negotiation.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** The other instance's answer to the same GET, read as the given type; its errors are passed on. */
    public <T> T fetch(HostInfo instance, URI request, String authorization, Class<T> type) {
        HttpResponse<byte[]> answer = send(instance, request, authorization, MediaType.APPLICATION_JSON,
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw ForwardedAnswerException.of(answer, answer.body());
        }
        try {
            return json.readValue(answer.body(), type);
        } catch (IOException e) {
            throw new InstanceUnavailableException("instance " + instance + " answered what this one cannot read", e);
        }
    }

    /**
     * The other instance's answer to the same GET, as it comes, for callers that read it their own way (a
     * stream); the status is theirs to check.
     */
    public <B> HttpResponse<B> send(HostInfo instance, URI request, String authorization, String accept,
            BodyHandler<B> body) {
        URI uri = UriBuilder.fromUri(request).scheme("http").host(instance.host()).port(instance.port())
                .replaceQueryParam(Scope.PARAMETER, Scope.LOCAL).build();
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(uri).timeout(timeout).header(HttpHeaders.ACCEPT, accept).GET();
        if (authorization != null) {
            forwarded.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        try {
            return http.send(forwarded.build(), body);
        } catch (IOException e) {
            throw new InstanceUnavailableException("instance " + instance + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstanceUnavailableException("interrupted while asking instance " + instance, e);
        }
    }
}
