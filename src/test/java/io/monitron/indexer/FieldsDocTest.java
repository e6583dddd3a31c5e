package io.monitron.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** docs/fields.md and the index template describe the same fields with the same types. */
class FieldsDocTest {
    private static final String TABLE_HEADER = "| Field | Type | Source | Example |";

    @Test
    void docTablesAndTemplateMappingListTheSameFieldsWithTheSameTypes() throws IOException {
        Map<String, String> documented = documentedFields(Files.readAllLines(Path.of("docs/fields.md")));
        Map<String, String> mapped = mappedFields();

        assertThat(documented).as("fields documented in docs/fields.md").isNotEmpty();
        assertThat(documented).as("docs/fields.md versus index-template.json").isEqualTo(mapped);
    }

    @Test
    void everyDocumentedFieldAppearsOnce() throws IOException {
        List<String> names = new ArrayList<>();
        for (Row row : rows(Files.readAllLines(Path.of("docs/fields.md")))) {
            names.add(row.field());
        }
        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void templateMapsTheContractFieldsWithTheirTypes() throws IOException {
        Map<String, String> mapped = mappedFields();
        assertThat(mapped)
                .containsEntry("@timestamp", "date")
                .containsEntry("source.ip", "ip")
                .containsEntry("related.ip", "ip")
                .containsEntry("log.file.record", "long")
                .containsEntry("error.message", "text")
                .containsEntry("error.message.keyword", "keyword")
                .containsEntry("user.email", "keyword")
                .containsEntry("user.target.name", "keyword")
                .containsEntry("aws.cloudtrail.console_login.additional_eventdata.mfa_used", "boolean")
                .containsEntry("aws.cloudtrail.read_only", "boolean")
                .containsEntry("aws.cloudtrail.user_identity.session_context.creation_date", "date")
                .containsEntry("aws.cloudtrail.flattened.request_parameters", "flattened")
                .containsEntry("monitron.tag.keys", "keyword");
    }

    static Map<String, String> documentedFields(List<String> lines) {
        Map<String, String> fields = new TreeMap<>();
        for (Row row : rows(lines)) {
            fields.put(row.field(), row.type());
        }
        return fields;
    }

    private record Row(String field, String type) {}

    /** The rows of every table whose header is {@link #TABLE_HEADER}. */
    private static List<Row> rows(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.equals(TABLE_HEADER)) {
                inTable = true;
                continue;
            }
            if (!inTable) {
                continue;
            }
            if (!trimmed.startsWith("|")) {
                inTable = false;
                continue;
            }
            if (trimmed.startsWith("|---")) {
                continue;
            }
            String[] cells = trimmed.split("(?<!\\\\)\\|");
            // cells[0] is the empty text before the first bar
            String field = cells[1].trim().replace("`", "");
            String type = cells[2].trim();
            rows.add(new Row(field, type));
        }
        return rows;
    }

    private static Map<String, String> mappedFields() throws IOException {
        JsonNode template;
        try (InputStream in = FieldsDocTest.class.getResourceAsStream("/index-template.json")) {
            assertThat(in).as("index-template.json on the class path").isNotNull();
            template = new ObjectMapper().readTree(in);
        }
        Map<String, String> fields = new TreeMap<>();
        walk(template.path("template").path("mappings").path("properties"), "", fields);
        return fields;
    }

    private static void walk(JsonNode properties, String prefix, Map<String, String> fields) {
        properties.properties().forEach(entry -> {
            String name = prefix + entry.getKey();
            JsonNode mapping = entry.getValue();
            JsonNode type = mapping.get("type");
            if (mapping.has("properties") && (type == null || type.asText().equals("object"))) {
                walk(mapping.get("properties"), name + ".", fields);
            } else {
                fields.put(name, type == null ? "object" : type.asText());
                // multi-fields (error.message.keyword) are searched by their own name, so they are documented too
                mapping.path("fields")
                        .properties()
                        .forEach(sub -> fields.put(
                                name + "." + sub.getKey(),
                                sub.getValue().path("type").asText()));
            }
        });
    }
}
