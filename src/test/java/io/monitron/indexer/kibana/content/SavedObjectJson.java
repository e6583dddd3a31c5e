package io.monitron.indexer.kibana.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The saved object envelope (spec §1.2, §3) and the JSON-string encoding Kibana wants for some attributes. */
final class SavedObjectJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String DATA_VIEW_ID = "monitron-cloudtrail";
    /** The data view over the estate index (no time field: the estate is the current state, not events). */
    static final String ESTATE_DATA_VIEW_ID = "monitron-estate";

    private SavedObjectJson() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static ObjectNode reference(String name, String type, String id) {
        return object().put("name", name).put("type", type).put("id", id);
    }

    static ObjectNode dataViewReference(String name) {
        return dataViewReference(name, DATA_VIEW_ID);
    }

    static ObjectNode dataViewReference(String name, String dataViewId) {
        return reference(name, "index-pattern", dataViewId);
    }

    /** Compact JSON text, for attributes Kibana stores as strings ({@code panelsJSON}, {@code searchSourceJSON}...). */
    static String encode(JsonNode value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The envelope with the versions the spec fixes per type; key order is fixed so the NDJSON is reproducible. */
    static ObjectNode envelope(String type, String id, ObjectNode attributes, ArrayNode references) {
        String typeVersion =
                switch (type) {
                    case "index-pattern", "search" -> "8.0.0";
                    case "lens" -> "8.9.0";
                    case "dashboard" -> "10.2.0";
                    default -> throw new IllegalArgumentException("no version known for type " + type);
                };
        ObjectNode envelope = object().put("type", type).put("id", id);
        envelope.set("attributes", attributes);
        envelope.set("references", references);
        envelope.put("coreMigrationVersion", "8.8.0");
        envelope.put("typeMigrationVersion", typeVersion);
        envelope.put("managed", false);
        return envelope;
    }

    static ObjectNode kqlQuery(String kql) {
        return object().put("query", kql).put("language", "kuery");
    }
}
