package io.monitron.indexer.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads CloudTrail values whatever their JSON type turned out to be. A value that cannot be read as the wanted type
 * gives {@code null}, so the field is left out of the document instead of failing it.
 */
final class Lenient {
    private Lenient() {}

    /** A string, or a number or boolean as its text; {@code null} for a missing, null, empty, object or array value. */
    static String text(JsonNode parent, String name) {
        if (parent == null) {
            return null;
        }
        return text(parent.get(name));
    }

    static String text(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            String text = value.textValue();
            return text.isEmpty() ? null : text;
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        return null;
    }

    /** A JSON boolean, or the strings {@code "true"}/{@code "false"} (CloudTrail writes several flags as strings). */
    static Boolean bool(JsonNode parent, String name) {
        if (parent == null) {
            return null;
        }
        JsonNode value = parent.get(name);
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            String text = value.textValue().trim();
            if (text.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (text.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }

    /** The value when it is a JSON object, else {@code null} (a string where an object belongs is ignored). */
    static ObjectNode object(JsonNode parent, String name) {
        if (parent == null) {
            return null;
        }
        JsonNode value = parent.get(name);
        return value instanceof ObjectNode object ? object : null;
    }
}
