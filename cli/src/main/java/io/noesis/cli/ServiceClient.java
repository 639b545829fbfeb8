package io.noesis.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One service's REST API over HTTP with a bearer token. An answer other than 2xx, or no answer, is a
 * {@link ServiceFailure} that names the service and shows its problem document.
 */
final class ServiceClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Until the answer's headers arrive; a streamed body (export, live events) may take as long as it takes. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);

    /** A successful answer: 200, 201, 202... and its JSON body (missing when it had none). */
    record Answer(int status, JsonNode body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final String service;
    private final URI base;
    private final String token;

    /** base may carry a path prefix (a service behind a gateway); request paths are resolved below it. */
    ServiceClient(String service, URI base, String token) {
        this.service = service;
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.token = token;
    }

    JsonNode get(String path) {
        return json(send(request(path).GET()));
    }

    Answer post(String path, Object body) {
        try {
            HttpResponse<InputStream> answer = send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
            return new Answer(answer.statusCode(), json(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the request as JSON", e);
        }
    }

    /** Copies the answer to the output as it arrives, so that an export of any size passes through. */
    void copy(String path, OutputStream output) {
        try (InputStream body = send(request(path).GET()).body()) {
            body.transferTo(output);
            output.flush();
        } catch (IOException e) {
            throw ServiceFailure.unreachable(service, base, e);
        }
    }

    /**
     * Reads a text/event-stream answer and hands over each event's data as JSON, as it arrives, until the
     * service ends the stream. A connection lost on the way ends it too: the caller knows what it got.
     */
    void events(String path, Consumer<JsonNode> onEvent) {
        HttpResponse<Stream<String>> answer = exchange(request(path).header("Accept", "text/event-stream").GET(),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = answer.body()) {
            if (answer.statusCode() / 100 != 2) {
                String text = lines.collect(Collectors.joining("\n"));
                throw ServiceFailure.answered(service, answer.statusCode(), parsed(text), text);
            }
            ServerSentEvents.read(lines.iterator(), data -> onEvent.accept(parsedData(data)));
        } catch (UncheckedIOException connectionLost) {
            // the stream ended early; what arrived was handed over
        }
    }

    /** "a=1&b=2" from the parameters that are set, encoded. */
    static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream().filter(parameter -> parameter.getValue() != null)
                .map(parameter -> parameter.getKey() + "=" + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private JsonNode json(HttpResponse<InputStream> answer) {
        try (InputStream body = answer.body()) {
            byte[] bytes = body.readAllBytes();
            return bytes.length == 0 ? JSON.missingNode() : JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(service + " answered with something that is not JSON", e);
        } catch (IOException e) {
            throw ServiceFailure.unreachable(service, base, e);
        }
    }

    private JsonNode parsedData(String data) {
        try {
            return JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(service + " streamed an event that is not JSON: " + data, e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .timeout(ANSWER_TIMEOUT);
    }

    private HttpResponse<InputStream> send(HttpRequest.Builder request) {
        HttpResponse<InputStream> answer = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        if (answer.statusCode() / 100 != 2) {
            String text = text(answer);
            throw ServiceFailure.answered(service, answer.statusCode(), parsed(text), text);
        }
        return answer;
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw ServiceFailure.unreachable(service, base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private String text(HttpResponse<InputStream> answer) {
        try (InputStream body = answer.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The problem document, or null when the answer is not JSON (a proxy's HTML page, say). */
    private static JsonNode parsed(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    /** The parts of the text/event-stream format the CLI needs: data lines, events ended by a blank line. */
    static final class ServerSentEvents {

        static void read(Iterator<String> lines, Consumer<String> onData) {
            StringBuilder data = new StringBuilder();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.isEmpty()) {
                    dispatch(data, onData);
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5);
                    data.append(data.length() == 0 ? "" : "\n").append(value.startsWith(" ") ? value.substring(1) : value);
                }
                // comments (":") and the id, event and retry fields change nothing here
            }
            dispatch(data, onData);
        }

        private static void dispatch(StringBuilder data, Consumer<String> onData) {
            if (data.length() > 0) {
                onData.accept(data.toString());
                data.setLength(0);
            }
        }

        private ServerSentEvents() {
        }
    }
}
