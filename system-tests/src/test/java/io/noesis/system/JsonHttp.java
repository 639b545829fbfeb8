package io.noesis.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * JSON over HTTP for tests that call the services from many threads while parts of the system crash:
 * every failure to connect or to answer in time is an answer too (status 0), never an exception.
 */
final class JsonHttp {

    /** No answer at all: the connection was refused or reset, or the request timed out. */
    static final int NO_ANSWER = 0;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** An HTTP answer; body is MissingNode when there was none or it was not JSON; location is the Location header, or null. */
    record Answer(int status, JsonNode body, String location) {

        boolean is(int expected) {
            return status == expected;
        }

        String text(String field) {
            JsonNode value = body.path(field);
            return value.isMissingNode() || value.isNull() ? null : value.asText();
        }
    }

    Answer get(String url, String token) {
        return send(request(url, token).GET().build());
    }

    Answer post(String url, String token, Map<String, ?> body) {
        try {
            return send(request(url, token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (IOException unwritable) {
            throw new IllegalArgumentException("Cannot write " + body + " as JSON", unwritable);
        }
    }

    /** @param token the bearer token, or null to call without one (health checks) */
    private static HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()),
                    response.headers().firstValue("Location").orElse(null));
        } catch (IOException noAnswer) {
            return new Answer(NO_ANSWER, MissingNode.getInstance(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling " + request.uri(), e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }
}
