package io.noesis.episode.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noesis.episode.streams.StoresUnavailableException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks another instance of the service the caller's own question, with the caller's token, and with
 * scope=local so that the other instance answers from its own stores instead of forwarding again.
 */
@ApplicationScoped
public class InstanceClient {

    static final String SCOPE = "scope";
    static final String LOCAL = "local";
    private static final String SSE_DATA = "data:";

    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;

    public InstanceClient(ObjectMapper json,
            @ConfigProperty(name = "noesis.episode.forward-timeout", defaultValue = "PT10S") Duration timeout) {
        this.json = json;
        this.timeout = timeout;
        // Plain HTTP/1.1: the instances speak it, and an h2c upgrade attempt only adds a round of negotiation.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** The other instance's answer to the same request, read as the given type; its errors are passed on. */
    <T> T fetch(HostInfo instance, URI request, String authorization, Class<T> type) {
        HttpResponse<byte[]> answer = send(instance, request, authorization, MediaType.APPLICATION_JSON,
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw passedOn(answer, answer.body());
        }
        try {
            return json.readValue(answer.body(), type);
        } catch (IOException e) {
            throw new StoresUnavailableException("instance " + instance + " answered what this one cannot read", e);
        }
    }

    /** The other instance's server-sent events, as they come, until it ends the stream. */
    Multi<EpisodeLog.Entry> stream(HostInfo instance, URI request, String authorization) {
        HttpResponse<Stream<String>> answer = send(instance, request, authorization, MediaType.SERVER_SENT_EVENTS,
                HttpResponse.BodyHandlers.ofLines());
        if (answer.statusCode() != 200) {
            try (Stream<String> lines = answer.body()) {
                throw passedOn(answer, String.join("\n", lines.toList()).getBytes(StandardCharsets.UTF_8));
            }
        }
        Stream<String> lines = answer.body();
        return Multi.createFrom().<EpisodeLog.Entry>emitter(emitter -> {
            // Closing the lines closes the connection: a caller who goes away stops the other instance's stream too.
            emitter.onTermination(lines::close);
            try {
                lines.filter(line -> line.startsWith(SSE_DATA))
                        .forEach(line -> emitter.emit(entry(line.substring(SSE_DATA.length()).trim())));
                emitter.complete();
            } catch (UncheckedIOException e) {
                // After the caller went away the read fails because the lines were closed: nobody to tell.
                if (!emitter.isCancelled()) {
                    emitter.fail(e);
                }
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private EpisodeLog.Entry entry(String data) {
        try {
            return json.readValue(data, EpisodeLog.Entry.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <B> HttpResponse<B> send(HostInfo instance, URI request, String authorization, String accept,
            BodyHandler<B> body) {
        URI uri = UriBuilder.fromUri(request).scheme("http").host(instance.host()).port(instance.port())
                .replaceQueryParam(SCOPE, LOCAL).build();
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(uri).timeout(timeout).header(HttpHeaders.ACCEPT, accept).GET();
        if (authorization != null) {
            forwarded.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        try {
            return http.send(forwarded.build(), body);
        } catch (IOException e) {
            throw new StoresUnavailableException("instance " + instance + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoresUnavailableException("interrupted while asking instance " + instance, e);
        }
    }

    private static ForwardedAnswerException passedOn(HttpResponse<?> answer, byte[] body) {
        return new ForwardedAnswerException(answer.statusCode(),
                answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse(MediaType.APPLICATION_JSON), body,
                answer.headers().firstValue(HttpHeaders.RETRY_AFTER).orElse(null));
    }
}
