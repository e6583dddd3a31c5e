package io.monitron.indexer.estate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The estate table of docs/fields.md and the estate index mapping list the same fields with the same types. */
class EstateFieldsDocTest {

    private static final String HEADER = "| Estate field | Type | Meaning |";

    @Test
    void theEstateTableAndTheMappingListTheSameFieldsWithTheSameTypes() throws IOException {
        assertThat(documented()).isNotEmpty().isEqualTo(mapped());
    }

    private static Map<String, String> documented() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs", "fields.md"));
        Map<String, String> fields = new TreeMap<>();
        boolean inTable = false;
        for (String line : lines) {
            if (line.equals(HEADER)) {
                inTable = true;
            } else if (inTable && line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                fields.put(cells[1].trim().replace("`", ""), cells[2].trim());
            } else if (inTable && !line.startsWith("|")) {
                inTable = false;
            }
        }
        return fields;
    }

    private static Map<String, String> mapped() throws IOException {
        try (InputStream in = EstateFieldsDocTest.class.getResourceAsStream(EstateIndex.RESOURCE)) {
            Map<String, String> fields = new TreeMap<>();
            collect(new ObjectMapper().readTree(in).path("mappings").path("properties"), "", fields);
            return fields;
        }
    }

    private static void collect(JsonNode properties, String prefix, Map<String, String> out) {
        properties.fields().forEachRemaining(entry -> {
            JsonNode field = entry.getValue();
            if (field.has("properties")) {
                collect(field.path("properties"), prefix + entry.getKey() + ".", out);
            } else {
                out.put(prefix + entry.getKey(), field.path("type").asText());
            }
        });
    }
}
