package io.monitron.indexer.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Building the nested document: objects are created on first use and dropped again when nothing went in. */
final class JsonNodes {
    private JsonNodes() {}

    /** The object under {@code name}, created when missing. */
    static ObjectNode child(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        if (existing instanceof ObjectNode object) {
            return object;
        }
        return parent.putObject(name);
    }

    static void removeIfEmpty(ObjectNode parent, String name) {
        JsonNode child = parent.get(name);
        if (child != null && child.isObject() && child.isEmpty()) {
            parent.remove(name);
        }
    }

    static void putText(ObjectNode target, String field, String value) {
        if (value != null) {
            target.put(field, value);
        }
    }
}
