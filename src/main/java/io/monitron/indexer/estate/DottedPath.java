package io.monitron.indexer.estate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Reads and writes a field of a nested JSON document by its dotted name ({@code monitron.site.name}). */
final class DottedPath {

    private DottedPath() {}

    /** The field's text when it is a non-blank scalar. */
    static Optional<String> text(JsonNode document, String dotted) {
        JsonNode node = document;
        for (String step : dotted.split("\\.")) {
            node = node == null ? null : node.get(step);
        }
        if (node == null
                || !node.isValueNode()
                || node.isNull()
                || node.asText().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    /** Sets the field, creating the objects on the way; refuses to replace a scalar on the way with an object. */
    static void put(ObjectNode document, String dotted, String value) {
        String[] steps = dotted.split("\\.");
        ObjectNode node = document;
        for (int i = 0; i < steps.length - 1; i++) {
            JsonNode next = node.get(steps[i]);
            if (next == null || next.isNull()) {
                node = node.putObject(steps[i]);
            } else if (next.isObject()) {
                node = (ObjectNode) next;
            } else {
                return;
            }
        }
        node.put(steps[steps.length - 1], value);
    }
}
