package io.monitron.indexer.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON text of a parsed value, written by one shared, thread-safe mapper. */
final class JsonText {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonText() {}

    static String of(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // a tree built by Jackson always serialises; this would be a Jackson bug
            throw new IllegalStateException("cannot write parsed JSON back as text", e);
        }
    }

    /** Text for display: a string value as itself, anything else as JSON; {@code null} for missing or JSON null. */
    static String display(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isTextual() ? node.textValue() : of(node);
    }
}
