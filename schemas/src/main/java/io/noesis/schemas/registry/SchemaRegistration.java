package io.noesis.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noesis.schemas.Topic;
import io.noesis.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * Registers every topic's value schema under TopicNameStrategy subjects ("topic-value") through the
 * Confluent-compatible API, with BACKWARD compatibility, so that an incompatible change is refused by
 * the registry before any service writes with it.
 */
public final class SchemaRegistration {

    public static final String COMPATIBILITY = "BACKWARD";
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String confluentApiUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param confluentApiUrl the registry's Confluent-compatible API, e.g. http://127.0.0.1:8081/apis/ccompat/v7 */
    public SchemaRegistration(String confluentApiUrl) {
        this.confluentApiUrl = confluentApiUrl.replaceAll("/+$", "");
    }

    /** Registers all schemas of the catalogue; returns subject to schema id. */
    public Map<String, Integer> registerAll() {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Topic<?> topic : Topics.avroTopics()) {
            ids.put(topic.valueSubject(), register(topic.valueSubject(), schemaOf(topic)));
        }
        return ids;
    }

    public static Schema schemaOf(Topic<?> topic) {
        return new SpecificData(topic.valueType().getClassLoader()).getSchema(topic.valueType());
    }

    /** Sets BACKWARD compatibility on the subject and registers the schema; an incompatible schema fails. */
    public int register(String subject, Schema schema) {
        send("PUT", "/config/" + subject, Map.of("compatibility", COMPATIBILITY));
        JsonNode answer = send("POST", "/subjects/" + subject + "/versions", Map.of("schema", schema.toString()));
        return answer.path("id").asInt();
    }

    private JsonNode send(String method, String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(confluentApiUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new SchemaRegistrationException(method + " " + path + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistrationException("Schema registry at " + confluentApiUrl + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistrationException("Interrupted while registering schemas", e);
        }
    }

    public static class SchemaRegistrationException extends RuntimeException {
        SchemaRegistrationException(String message) {
            super(message);
        }

        SchemaRegistrationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
