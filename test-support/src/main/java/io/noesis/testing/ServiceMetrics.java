package io.noesis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a service's Prometheus metrics (/q/metrics) in tests. */
public final class ServiceMetrics {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)$");

    private ServiceMetrics() {
    }

    /** The records the service has dead-lettered from the topic, over all its consumers. */
    public static double deadLetters(URI base, String topic) {
        return sum(base, "noesis_dead_letters_total", Map.of("topic", topic));
    }

    /** Waits until the dead letters counted for the topic reach the expected number; fails after ten seconds. */
    public static void assertDeadLettersReach(URI base, String topic, double expected) {
        Instant giveUp = Instant.now().plusSeconds(10);
        double counted = deadLetters(base, topic);
        while (counted < expected && Instant.now().isBefore(giveUp)) {
            sleep();
            counted = deadLetters(base, topic);
        }
        if (counted < expected) {
            throw new AssertionError("noesis_dead_letters_total for " + topic + " is " + counted + ", expected " + expected);
        }
    }

    /** The sum of the metric's samples whose labels include all the given ones (0 when there is none yet). */
    public static double sum(URI base, String metric, Map<String, String> labels) {
        return scrape(base).lines()
                .map(SAMPLE::matcher)
                .filter(Matcher::matches)
                .filter(sample -> sample.group(1).equals(metric))
                .filter(sample -> labels.entrySet().stream().allMatch(label -> sample.group(2) != null
                        && sample.group(2).contains(label.getKey() + "=\"" + label.getValue() + "\"")))
                .mapToDouble(sample -> Double.parseDouble(sample.group(3)))
                .sum();
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String scrape(URI base) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve("/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
