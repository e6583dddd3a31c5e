package io.monitron.indexer.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of the {@code monitron-cloudtrail-*} index template, flattened to {@code path -> mapping} (object
 * properties and multi-fields included, dotted property names expanded), to check what the saved objects use.
 *
 * @param source which resource the mapping came from, for test messages
 */
public record IndexMapping(Map<String, FieldMapping> fields, String source) {

    /** The real template, merged into {@code src/main/resources} by the template work. */
    static final String TEMPLATE_RESOURCE = "/index-template.json";

    private static final Set<String> AGGREGATABLE_TYPES = Set.of(
            "keyword",
            "constant_keyword",
            "ip",
            "boolean",
            "date",
            "date_nanos",
            "long",
            "integer",
            "short",
            "byte",
            "double",
            "float",
            "half_float",
            "scaled_float",
            "unsigned_long",
            "flattened");

    /** One mapped field. */
    public record FieldMapping(String type, boolean indexed, boolean docValues) {
        /** Usable in terms / cardinality aggregations, sorting and options lists. */
        public boolean aggregatable() {
            return AGGREGATABLE_TYPES.contains(type) && docValues;
        }

        public boolean searchable() {
            return indexed;
        }

        /** The Lens {@code dataType} a column on this field must declare. */
        public String lensDataType() {
            return switch (type) {
                case "keyword", "constant_keyword", "flattened", "text" -> "string";
                case "date", "date_nanos" -> "date";
                case "ip" -> "ip";
                case "boolean" -> "boolean";
                default -> "number";
            };
        }
    }

    /** The bundled index template's mapping. */
    public static IndexMapping load() {
        try (InputStream in = IndexMapping.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE_RESOURCE + " is not on the test classpath");
            }
            return fromTemplate(new ObjectMapper().readTree(in), TEMPLATE_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TEMPLATE_RESOURCE, e);
        }
    }

    /** The estate index's mapping ({@code /estate-index.json}). */
    public static IndexMapping estate() {
        String resource = io.monitron.indexer.estate.EstateIndex.RESOURCE;
        try (InputStream in = IndexMapping.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            return fromTemplate(new ObjectMapper().readTree(in), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Reads a composable template ({@code template.mappings}), a legacy one ({@code mappings}) or bare mappings. */
    public static IndexMapping fromTemplate(JsonNode template, String source) {
        JsonNode mappings = template.has("template")
                ? template.path("template").path("mappings")
                : template.has("mappings") ? template.path("mappings") : template;
        Map<String, FieldMapping> fields = new LinkedHashMap<>();
        collect("", mappings.path("properties"), fields);
        return new IndexMapping(Map.copyOf(fields), source);
    }

    private static void collect(String prefix, JsonNode properties, Map<String, FieldMapping> into) {
        Iterator<Map.Entry<String, JsonNode>> entries = properties.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String path = prefix + entry.getKey();
            JsonNode mapping = entry.getValue();
            if (mapping.has("properties") && !mapping.has("type")
                    || "object".equals(mapping.path("type").asText())) {
                collect(path + ".", mapping.path("properties"), into);
                continue;
            }
            String type = mapping.path("type").asText("object");
            into.put(
                    path,
                    new FieldMapping(
                            type,
                            mapping.path("index").asBoolean(true),
                            mapping.path("doc_values").asBoolean(!type.equals("text"))));
            mapping.path("fields")
                    .fields()
                    .forEachRemaining(sub -> into.put(
                            path + "." + sub.getKey(),
                            new FieldMapping(
                                    sub.getValue().path("type").asText(),
                                    sub.getValue().path("index").asBoolean(true),
                                    sub.getValue()
                                            .path("doc_values")
                                            .asBoolean(!sub.getValue()
                                                    .path("type")
                                                    .asText()
                                                    .equals("text")))));
        }
    }

    /** The mapping of {@code path}; a key inside a {@code flattened} field maps like a keyword. */
    public Optional<FieldMapping> field(String path) {
        FieldMapping direct = fields.get(path);
        if (direct != null) {
            return Optional.of(direct);
        }
        return fields.entrySet().stream()
                .filter(entry -> entry.getValue().type().equals("flattened") && path.startsWith(entry.getKey() + "."))
                .map(entry -> new FieldMapping("keyword", entry.getValue().indexed(), true))
                .findFirst();
    }
}
