package io.monitron.indexer.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.kibana.IndexMapping.FieldMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every field a saved object uses (column, sort, query, filter, Lens column, control, data view label or format)
 * must exist in the mapping of the data view the object reads, with a type that supports that use. Returns problems
 * as text, one per use.
 */
final class FieldUsageCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CONTROL_TYPES = Set.of("keyword", "constant_keyword", "ip", "boolean");

    private final java.util.Map<String, IndexMapping> mappings;
    private final IndexMapping fallback;
    private IndexMapping mapping;
    private final List<String> problems = new ArrayList<>();

    private FieldUsageCheck(java.util.Map<String, IndexMapping> mappings, IndexMapping fallback) {
        this.mappings = mappings;
        this.fallback = fallback;
    }

    /** Checks every object against one mapping. */
    static List<String> problems(String ndjson, IndexMapping mapping) {
        return problems(ndjson, java.util.Map.of(), mapping);
    }

    /** Checks each object against the mapping of its data view (by id), objects of other data views against none. */
    static List<String> problems(String ndjson, java.util.Map<String, IndexMapping> mappingByDataView) {
        return problems(ndjson, mappingByDataView, null);
    }

    private static List<String> problems(
            String ndjson, java.util.Map<String, IndexMapping> mappingByDataView, IndexMapping fallback) {
        FieldUsageCheck check = new FieldUsageCheck(mappingByDataView, fallback);
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                check.object(read(line));
            }
        }
        return List.copyOf(check.problems);
    }

    /** The data view an object reads: its own id, its first data view reference, or its controls' data view. */
    private static String dataViewOf(JsonNode object) {
        if (object.path("type").asText().equals("index-pattern")) {
            return object.path("id").asText();
        }
        for (JsonNode reference : object.path("references")) {
            if (reference.path("type").asText().equals("index-pattern")) {
                return reference.path("id").asText();
            }
        }
        return "";
    }

    private void object(JsonNode object) {
        mapping = fallback != null ? fallback : mappings.get(dataViewOf(object));
        if (mapping == null) {
            problem(object.path("type").asText() + " " + object.path("id").asText() + " reads data view "
                    + dataViewOf(object) + ", whose mapping is not known");
            return;
        }
        String where = object.path("type").asText() + " " + object.path("id").asText();
        JsonNode attributes = object.path("attributes");
        switch (object.path("type").asText()) {
            case "index-pattern" -> {
                String timeField = attributes.path("timeFieldName").asText("");
                // the estate's data view has no time field on purpose: the time picker must not filter it
                boolean untimed = timeField.isEmpty()
                        && object.path("id").asText().equals(SavedObjectChecklist.ESTATE_DATA_VIEW_ID);
                if (!untimed) {
                    require(where + " time field", timeField).ifPresent(field -> {
                        if (!field.type().startsWith("date")) {
                            problem(where + " time field " + timeField + " is " + field.type() + ", not a date");
                        }
                    });
                }
                read(attributes.path("fieldAttrs").asText("{}"))
                        .fieldNames()
                        .forEachRemaining(name -> require(where + " field label", name));
                read(attributes.path("fieldFormatMap").asText("{}"))
                        .fieldNames()
                        .forEachRemaining(name -> require(where + " field format", name));
            }
            case "search" -> {
                attributes.path("columns").forEach(column -> require(where + " column", column.asText()));
                attributes
                        .path("sort")
                        .forEach(pair ->
                                aggregatable(where + " sort", pair.path(0).asText()));
                JsonNode source = read(attributes
                        .path("kibanaSavedObjectMeta")
                        .path("searchSourceJSON")
                        .asText("{}"));
                query(where, source.path("query"));
                source.path("filter").forEach(filter -> filter(where, filter));
            }
            case "lens" -> lens(where, attributes);
            case "dashboard" -> {
                JsonNode controls = read(
                        attributes.path("controlGroupInput").path("panelsJSON").asText("{}"));
                controls.fields().forEachRemaining(control -> {
                    String name = control.getValue()
                            .path("explicitInput")
                            .path("fieldName")
                            .asText();
                    require(where + " control " + control.getKey(), name).ifPresent(field -> {
                        if (!CONTROL_TYPES.contains(field.type()) || !field.aggregatable()) {
                            problem(where + " control " + control.getKey() + " field " + name + " is " + field.type()
                                    + "; options lists need an aggregatable keyword, ip or boolean");
                        }
                    });
                });
                for (JsonNode panel : read(attributes.path("panelsJSON").asText("[]"))) {
                    if (panel.path("embeddableConfig").path("attributes").isObject()) {
                        lens(
                                where + " panel " + panel.path("panelIndex").asText(),
                                panel.path("embeddableConfig").path("attributes"));
                    }
                }
            }
            default -> {}
        }
    }

    private void lens(String where, JsonNode attributes) {
        JsonNode state = attributes.path("state");
        query(where, state.path("query"));
        state.path("filters").forEach(filter -> filter(where, filter));
        state.path("datasourceStates")
                .path("formBased")
                .path("layers")
                .fields()
                .forEachRemaining(
                        layer -> layer.getValue().path("columns").fields().forEachRemaining(entry -> {
                            JsonNode column = entry.getValue();
                            String operation = column.path("operationType").asText();
                            String name = column.path("sourceField").asText();
                            String use = where + " column " + entry.getKey() + " (" + operation + ")";
                            if (operation.equals("count") || name.isEmpty()) {
                                return;
                            }
                            aggregatable(use, name).ifPresent(field -> {
                                if (operation.equals("date_histogram")
                                        && !field.type().startsWith("date")) {
                                    problem(use + " needs a date field; " + name + " is " + field.type());
                                }
                                String declared = column.path("dataType").asText();
                                boolean countsValues = operation.equals("unique_count");
                                if (!countsValues && !declared.equals(field.lensDataType())) {
                                    problem(use + " declares dataType " + declared + " but " + name + " is "
                                            + field.type());
                                }
                            });
                        }));
    }

    private void query(String where, JsonNode query) {
        if (!query.path("language").asText("kuery").equals("kuery")) {
            problem(where + " query is not KQL");
            return;
        }
        try {
            KqlSubset.fields(query.path("query").asText("")).forEach(name -> searchable(where + " query", name));
        } catch (KqlSubset.UnsupportedKqlException e) {
            problem(where + " query: " + e.getMessage());
        }
    }

    private void filter(String where, JsonNode filter) {
        String key = filter.path("meta").path("key").asText("");
        if (!key.isEmpty()) {
            searchable(where + " filter", key);
        }
    }

    private Optional<FieldMapping> require(String use, String name) {
        Optional<FieldMapping> field = mapping.field(name);
        if (field.isEmpty()) {
            problem(use + ": field " + name + " is not in the mapping (" + mapping.source() + ")");
        }
        return field;
    }

    private Optional<FieldMapping> aggregatable(String use, String name) {
        Optional<FieldMapping> field = require(use, name);
        field.filter(f -> !f.aggregatable())
                .ifPresent(f -> problem(use + ": field " + name + " is " + f.type()
                        + " without doc values; it needs keyword, numeric, date, ip or boolean"));
        return field;
    }

    private void searchable(String use, String name) {
        require(use, name)
                .filter(f -> !f.searchable())
                .ifPresent(f -> problem(use + ": field " + name + " is not indexed, so it cannot be queried"));
    }

    private void problem(String text) {
        problems.add(text);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
