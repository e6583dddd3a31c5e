package io.monitron.indexer.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The template has "dynamic": false, so a field it does not map would be silently unsearchable. */
class TemplateCoverageTest {

    private static Map<String, String> mapped() throws IOException {
        try (InputStream in = TemplateCoverageTest.class.getResourceAsStream("/index-template.json")) {
            JsonNode template = TestEvents.JSON.readTree(in);
            Map<String, String> fields = new TreeMap<>();
            walkMapping(template.path("template").path("mappings").path("properties"), "", fields);
            return fields;
        }
    }

    private static void walkMapping(JsonNode properties, String prefix, Map<String, String> fields) {
        properties.properties().forEach(entry -> {
            JsonNode mapping = entry.getValue();
            if (mapping.has("properties")) {
                walkMapping(mapping.get("properties"), prefix + entry.getKey() + ".", fields);
            } else {
                fields.put(prefix + entry.getKey(), mapping.get("type").asText());
            }
        });
    }

    /** Leaf paths of a document; a flattened field's content is one leaf. */
    private static void walkDocument(JsonNode node, String path, Map<String, String> mapped, Set<String> paths) {
        if (node.isObject() && !"flattened".equals(mapped.get(path))) {
            node.properties()
                    .forEach(entry -> walkDocument(
                            entry.getValue(),
                            path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(),
                            mapped,
                            paths));
        } else {
            paths.add(path);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "delete-project-success.json",
                "delete-project-access-denied.json",
                "create-site-conflict.json",
                "asset-state-transition-ios.json",
                "tag-resource-by-cloudformation.json",
                "list-projects-by-root.json"
            })
    void everyFieldOfAnExampleDocumentIsMapped(String example) throws IOException {
        ObjectNode event = TestEvents.load(example);
        JsonNode doc = ((Transformed.Built)
                        new CloudTrailTransformer(true, TestEvents.CLOCK).transform(event, null, TestEvents.POSITION))
                .document()
                .source();
        Map<String, String> mapped = mapped();
        Set<String> paths = new TreeSet<>();

        walkDocument(doc, "", mapped, paths);

        assertThat(mapped.keySet()).containsAll(paths);
    }
}
