package io.monitron.indexer.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every field the saved objects use exists in the index template with a type that supports the use. Reads the real
 * template ({@code /index-template.json}) when it is on the classpath, else the marked stand-in built from the field
 * contract.
 */
class FieldUsageTest {

    private static String ndjson;

    @BeforeAll
    static void readCommittedNdjson() throws IOException {
        ndjson = Files.readString(Path.of("kibana", "monitron.ndjson"), StandardCharsets.UTF_8);
    }

    @Test
    void everyFieldUsedExistsWithATypeThatSupportsTheUse() {
        assertThat(FieldUsageCheck.problems(
                        ndjson,
                        java.util.Map.of(
                                SavedObjectChecklist.DATA_VIEW_ID,
                                IndexMapping.load(),
                                SavedObjectChecklist.ESTATE_DATA_VIEW_ID,
                                IndexMapping.estate())))
                .isEmpty();
    }

    @Test
    void reportsAnAggregationOnATextFieldAndAMissingField() throws IOException {
        ObjectNode template = template();
        ObjectNode properties = (ObjectNode) template.at("/template/mappings/properties");
        properties.putObject("user.name").put("type", "text");
        removeField(properties, "monitron.project.name");

        assertThat(FieldUsageCheck.problems(ndjson, IndexMapping.fromTemplate(template, "doctored")))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("lens monitron-lens-top-users column user (terms)")
                        .contains("user.name is text"))
                .anySatisfy(
                        problem -> assertThat(problem).contains("dashboard monitron-dashboard-overview control user"))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("search monitron-search-project-lifecycle column")
                        .contains("monitron.project.name is not in the mapping"));
    }

    @Test
    void reportsAQueryOnAFieldThatIsNotIndexed() throws IOException {
        ObjectNode template = template();
        ((ObjectNode) template.at("/template/mappings/properties"))
                .putObject("event.outcome")
                .put("type", "keyword")
                .put("index", false);

        assertThat(FieldUsageCheck.problems(ndjson, IndexMapping.fromTemplate(template, "doctored")))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("search monitron-search-failed-calls query")
                        .contains("event.outcome is not indexed"));
    }

    @Test
    void readsNestedPropertiesAndMultiFields() throws IOException {
        String template = "{\"template\":{\"mappings\":{\"properties\":{\"error\":{\"properties\":{\"message\":"
                + "{\"type\":\"text\",\"fields\":{\"keyword\":{\"type\":\"keyword\"}}}}},"
                + "\"aws\":{\"properties\":{\"flat\":{\"type\":\"flattened\"}}}}}}}";

        IndexMapping mapping = IndexMapping.fromTemplate(new ObjectMapper().readTree(template), "inline");

        assertThat(mapping.field("error.message").orElseThrow().aggregatable()).isFalse();
        assertThat(mapping.field("error.message.keyword").orElseThrow().aggregatable())
                .isTrue();
        assertThat(mapping.field("aws.flat.Name").orElseThrow().type()).isEqualTo("keyword");
        assertThat(mapping.field("aws.other")).isEmpty();
    }

    /** The real index template, to doctor. */
    private static ObjectNode template() throws IOException {
        try (InputStream in = FieldUsageTest.class.getResourceAsStream(IndexMapping.TEMPLATE_RESOURCE)) {
            return (ObjectNode) new ObjectMapper().readTree(in);
        }
    }

    private static void removeField(ObjectNode properties, String dottedPath) {
        String[] parts = dottedPath.split("\\.");
        ObjectNode current = properties;
        for (int i = 0; i < parts.length - 1; i++) {
            current = (ObjectNode) current.path(parts[i]).path("properties");
        }
        assertThat(current.remove(parts[parts.length - 1])).as(dottedPath).isNotNull();
    }
}
