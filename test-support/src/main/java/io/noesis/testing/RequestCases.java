package io.noesis.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * A table of HTTP requests against one service, sent as they are (no client-side checks or
 * normalisation), with generators for the bad input every endpoint must refuse: malformed JSON, wrong
 * types, missing and unknown fields, a huge body, odd ids and odd query parameters. The answers are
 * checked to be 4xx application/problem+json, and counted.
 */
public final class RequestCases {

    public static final String PROBLEM_JSON = "application/problem+json";
    /** Well over the services' body limit (quarkus.http.limits.max-body-size, 1 MiB). */
    public static final int HUGE_BODY_BYTES = 5 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_WAIT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public record Request(String name, String method, String path, String contentType, String body,
            Map<String, String> headers) {

        @Override
        public String toString() {
            return method + " " + (path.length() > 120 ? path.substring(0, 120) + "…" : path) + " (" + name + ")";
        }
    }

    /** An answer: its status, content type, body, and every header as text (to search for what must not be echoed). */
    public record Answer(Request request, int status, String contentType, String body, String headers) {

        boolean isProblem() {
            return contentType != null && contentType.startsWith(PROBLEM_JSON);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " ← " + request + ": "
                    + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    private final URI base;
    private final List<Request> requests = new ArrayList<>();

    /** @param base the service's root, e.g. http://127.0.0.1:8080/ */
    public RequestCases(URI base) {
        this.base = base;
    }

    public RequestCases add(String name, String method, String path, String contentType, String body) {
        return add(name, method, path, contentType, body, Map.of());
    }

    public RequestCases add(String name, String method, String path, String contentType, String body,
            Map<String, String> headers) {
        requests.add(new Request(name, method, path, contentType, body, headers));
        return this;
    }

    /**
     * Malformed JSON, every field of validBody with a wrong type, every required field missing, an unknown
     * field, a body of the wrong shape, a huge body and a body that is not JSON at all; never validBody itself.
     */
    public RequestCases badJsonBodies(String method, String path, String validBody, String... requiredFields) {
        ObjectNode valid = parseObject(validBody);
        String json = "application/json";
        add("malformed: cut in half", method, path, json, validBody.substring(0, validBody.length() / 2));
        add("malformed: single quotes", method, path, json, validBody.replace('"', '\''));
        add("malformed: trailing garbage", method, path, json, validBody + "}}");
        add("malformed: not JSON", method, path, json, "this is not JSON");
        add("wrong shape: an array", method, path, json, "[" + validBody + "]");
        add("wrong shape: a string", method, path, json, "\"" + path + "\"");
        for (Iterator<String> fields = valid.fieldNames(); fields.hasNext();) {
            String field = fields.next();
            for (Map.Entry<String, JsonNode> wrong : wrongValuesFor(valid.get(field)).entrySet()) {
                ObjectNode changed = valid.deepCopy();
                changed.set(field, wrong.getValue());
                add("wrong type: " + field + " as " + wrong.getKey(), method, path, json, write(changed));
            }
        }
        for (String field : requiredFields) {
            ObjectNode missing = valid.deepCopy();
            missing.remove(field);
            add("missing: " + field, method, path, json, write(missing));
        }
        ObjectNode unknown = valid.deepCopy();
        unknown.put("approved_by", "mallory");
        add("unknown field", method, path, json, write(unknown));
        add("huge body (5 MiB)", method, path, json, hugeBody(valid));
        add("not JSON: text/plain", method, path, "text/plain", validBody);
        return this;
    }

    /** The path template's {id} replaced by ids no client should send; the body, if any, is sent as JSON. */
    public RequestCases oddIds(String method, String pathTemplate, String body) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("very long (2,000 characters)", "x".repeat(2_000));
        ids.put("path traversal", "../../../etc/passwd");
        ids.put("encoded path traversal", "..%2F..%2F..%2Fetc%2Fpasswd");
        ids.put("percent-encoded slash", "ep%2F1");
        // A bare ".." is not an id: every server resolves it to the parent path first (RFC 3986), which for
        // approval-service is its web page. Three dots reach the endpoint as an odd id.
        ids.put("dots", "...");
        ids.put("unicode (RTL override, emoji, zero-width joiner)", encode("ep-\u202Eevil\u202C-\uD83D\uDC69\u200D\uD83D\uDCBB"));
        ids.put("NUL byte", "ep%00");
        ids.put("only spaces", "%20%20");
        ids.put("query and fragment characters", "ep%3Fx%3D1%23y");
        ids.forEach((name, id) -> add("odd id: " + name, method, pathTemplate.replace("{id}", id),
                body == null ? null : "application/json", body));
        return this;
    }

    /** GET path with each parameter set, one at a time, to each of its bad values. */
    public RequestCases badQueries(String path, Map<String, List<String>> badValues) {
        badValues.forEach((parameter, values) -> values.forEach(value -> add("bad query: " + parameter + "=" + value,
                "GET", path + (path.contains("?") ? "&" : "?") + parameter + "=" + encode(value), null, null)));
        return this;
    }

    /**
     * Sends every request, with the bearer token (none when null), and returns the answers in order. Waits
     * first until the service is ready: before its stores are, a query answers 503, which says nothing of
     * how it treats the input.
     */
    public List<Answer> sendWith(String token) {
        awaitReady();
        return requests.stream().map(request -> send(request, token)).toList();
    }

    private void awaitReady() {
        Instant giveUp = Instant.now().plus(READY_WAIT);
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("q/health/ready")).timeout(Duration.ofSeconds(10)).build();
        while (status(ready) != 200) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("The service at " + base + " was not ready within " + READY_WAIT);
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private static int status(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every answer is expected and a problem document; prints the count per status. Fails listing each answer
     * that is not, so a run shows every defect at once.
     */
    public static void assertAllProblems(String title, List<Answer> answers, IntPredicate expectedStatus) {
        Map<Integer, Long> byStatus = answers.stream()
                .collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
        long serverErrors = answers.stream().filter(answer -> answer.status() >= 500).count();
        System.out.printf("%s: %d cases, answers by status %s, 5xx: %d%n", title, answers.size(), byStatus, serverErrors);
        List<Answer> wrong = answers.stream()
                .filter(answer -> !expectedStatus.test(answer.status()) || !answer.isProblem())
                .toList();
        assertTrue(wrong.isEmpty(), title + ": " + wrong.size() + " of " + answers.size()
                + " answers were not the expected problem:\n" + wrong.stream().map(Answer::toString)
                        .collect(Collectors.joining("\n")));
    }

    /** Every request with each token that TestTokens refuses: all must be 401 problems. Returns how many were sent. */
    public int assertForgedTokensRefused(String service) {
        int sent = 0;
        for (Map.Entry<String, String> forged : TestTokens.refusedTokens("mallory").entrySet()) {
            List<Answer> answers = sendWith(forged.getValue());
            assertAllProblems(service + ", " + forged.getKey(), answers, status -> status == 401);
            sent += answers.size();
        }
        return sent;
    }

    /**
     * Sends every request with each of the tokens and with every refused one while the log is captured:
     * none of the tokens (whole, or its signature) and none of the other secrets may appear in the log or in
     * any answer's body or headers. Returns how many requests were sent.
     */
    public int assertSecretsNeverEchoed(List<String> validTokens, List<String> otherSecrets) {
        List<String> tokens = new ArrayList<>(validTokens);
        TestTokens.refusedTokens("mallory").values().stream().filter(token -> token != null).forEach(tokens::add);
        List<Answer> answers = new ArrayList<>();
        String log;
        try (LogCapture capture = LogCapture.start()) {
            tokens.forEach(token -> answers.addAll(sendWith(token)));
            log = capture.text();
        }
        List<String> secrets = new ArrayList<>(otherSecrets);
        tokens.forEach(token -> secrets.addAll(secretPartsOf(token)));
        String answered = answers.stream().map(answer -> answer.headers() + "\n" + answer.body())
                .collect(Collectors.joining("\n"));
        List<String> leaked = secrets.stream().filter(secret -> log.contains(secret) || answered.contains(secret)).toList();
        System.out.printf("secrets: %d requests, %d log characters and %d answer characters searched for %d secrets: "
                + "%d found%n", answers.size(), log.length(), answered.length(), secrets.size(), leaked.size());
        assertTrue(leaked.isEmpty(), "secrets echoed in the log or an answer: " + leaked);
        return answers.size();
    }

    /** The token itself and its signature: a log that prints either gives the token away. */
    private static List<String> secretPartsOf(String token) {
        String[] parts = token.split("\\.");
        return parts.length == 3 && parts[2].length() >= 16 ? List.of(token, parts[2]) : List.of(token);
    }

    public static boolean isClientError(int status) {
        return status >= 400 && status < 500;
    }

    private Answer send(Request request, String token) {
        if (request.body() != null && request.body().length() >= HUGE_BODY_BYTES) {
            return announceHugeBody(request, token);
        }
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body());
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + request.path()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), body);
        if (request.contentType() != null) {
            http.header("Content-Type", request.contentType());
        }
        if (token != null) {
            http.header("Authorization", "Bearer " + token);
        }
        request.headers().forEach(http::header);
        try {
            HttpResponse<String> response = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(request, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), response.headers().map().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("No answer to " + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending " + request, e);
        }
    }

    /**
     * A huge body is announced (Content-Length) and the answer read before the body is sent: a service must
     * refuse it unread. HTTP clients differ in what they do when the answer comes while they still send.
     */
    private Answer announceHugeBody(Request request, String token) {
        String head = request.method() + " " + request.path() + " HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Content-Type: " + request.contentType() + "\r\n"
                + "Content-Length: " + request.body().getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Connection: close\r\n\r\n";
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int status = Integer.parseInt(answer.readLine().split(" ")[1]);
            StringBuilder headers = new StringBuilder();
            String contentType = null;
            int length = 0;
            for (String line = answer.readLine(); line != null && !line.isEmpty(); line = answer.readLine()) {
                headers.append(line).append('\n');
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring(line.indexOf(':') + 1).trim();
                } else if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            char[] body = new char[length];
            int read = 0;
            while (read < length) {
                int more = answer.read(body, read, length - read);
                if (more < 0) {
                    break;
                }
                read += more;
            }
            return new Answer(request, status, contentType, new String(body, 0, read), headers.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("No answer to " + request, e);
        }
    }

    private static Map<String, JsonNode> wrongValuesFor(JsonNode value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Map<String, JsonNode> wrong = new LinkedHashMap<>();
        if (!value.isNumber()) {
            wrong.put("a number", nodes.numberNode(42));
        }
        if (!value.isBoolean()) {
            wrong.put("a boolean", nodes.booleanNode(true));
        }
        if (!value.isObject()) {
            wrong.put("an object", nodes.objectNode().put("nested", "value"));
        } else {
            wrong.put("a string", nodes.textNode("not an object"));
        }
        return wrong;
    }

    private static String hugeBody(ObjectNode valid) {
        ObjectNode huge = valid.deepCopy();
        String field = valid.fieldNames().hasNext() ? valid.fieldNames().next() : "padding";
        huge.put(field, "x".repeat(HUGE_BODY_BYTES));
        return write(huge);
    }

    private static ObjectNode parseObject(String body) {
        try {
            return (ObjectNode) JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The valid body is not a JSON object: " + body, e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
