package io.noesis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** audit-service's REST API over HTTP with a bearer token; an answer other than 2xx is an error with its detail. */
class AuditClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final URI base;
    private final String token;

    AuditClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    JsonNode get(String path) {
        return json(send(request(path).GET()));
    }

    JsonNode post(String path, Map<String, Object> body) {
        try {
            return json(send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the answer to the output as it arrives, so that an export of any size passes through. */
    void copy(String path, OutputStream output) {
        try (InputStream body = send(request(path).GET()).body()) {
            body.transferTo(output);
            output.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("The export stopped: " + e.getMessage(), e);
        }
    }

    /** "a=1&b=2" from the parameters that are set, encoded. */
    static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream().filter(parameter -> parameter.getValue() != null)
                .map(parameter -> parameter.getKey() + "=" + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static JsonNode json(HttpResponse<InputStream> answer) {
        try (InputStream body = answer.body()) {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("audit-service answered with something that is not JSON", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(5));
    }

    private HttpResponse<InputStream> send(HttpRequest.Builder request) {
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach audit-service at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(problem(answer));
        }
        return answer;
    }

    private static String problem(HttpResponse<InputStream> answer) {
        try (InputStream body = answer.body()) {
            JsonNode problem = JSON.readTree(body);
            String detail = problem.path("detail").asText(problem.path("title").asText(""));
            return "audit-service answered " + answer.statusCode() + (detail.isEmpty() ? "" : ": " + detail);
        } catch (IOException notJson) {
            return "audit-service answered " + answer.statusCode();
        }
    }
}
