package io.noesis.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Path segments from user input, encoded so that an id with "/" or "?" stays one segment. */
final class Paths {

    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Paths() {
    }
}
