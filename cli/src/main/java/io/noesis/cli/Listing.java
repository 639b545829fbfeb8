package io.noesis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** A list the API hands out page by page with next_cursor: one page, or every page to the end as one answer. */
final class Listing {

    private Listing() {
    }

    /** The options of every list command that pages (a picocli mixin): --limit, --cursor and --all. */
    static final class PageOptions {

        @Option(names = "--limit", paramLabel = "N", description = "Items a page (the service's default: 50).")
        Integer limit;

        @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue where an earlier page ended.")
        String cursor;

        @Option(names = "--all", description = "Follow the cursor to the last page.")
        boolean all;
    }

    /**
     * GET path?query, then, with --all, the following pages too. The answer has the API's shape: the items
     * under itemsField and the next_cursor (null after the last page).
     */
    static JsonNode fetch(ServiceClient client, String path, Map<String, String> query, String itemsField,
            PageOptions paging) {
        ObjectNode combined = ServiceClient.JSON.createObjectNode();
        ArrayNode items = combined.putArray(itemsField);
        Map<String, String> parameters = new LinkedHashMap<>(query);
        parameters.put("limit", paging.limit == null ? null : paging.limit.toString());
        String cursor = paging.cursor;
        do {
            parameters.put("cursor", cursor);
            String encoded = ServiceClient.query(parameters);
            JsonNode page = client.get(encoded.isEmpty() ? path : path + "?" + encoded);
            page.path(itemsField).forEach(items::add);
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
        } while (paging.all && cursor != null);
        combined.put("next_cursor", cursor);
        return combined;
    }

    /** Prints each item as a line (or the answer with --json) and where the next page starts. */
    static void print(Output output, JsonNode listing, String itemsField, Function<JsonNode, String> line, String more) {
        output.print(listing, out -> listing.path(itemsField).forEach(item -> out.println(line.apply(item))));
        if (!output.json() && listing.path("next_cursor").isTextual()) {
            output.note("More: " + more + " --cursor " + listing.path("next_cursor").asText() + " (or --all)");
        }
    }
}
