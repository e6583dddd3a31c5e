package io.monitron.indexer.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Kibana's saved objects import API answered: {@code success}, {@code successCount}, {@code successResults} and
 * {@code errors}. Kibana answers 200 even when objects fail, so {@link #isClean()} is the verdict to act on.
 *
 * @param success Kibana's own {@code success} flag
 * @param successCount how many objects Kibana counts as imported
 * @param imported the {@code successResults}; with any conflict or missing reference nothing was written even though
 *     this lists objects (Kibana validates the whole file first)
 * @param errors the per-object errors
 */
public record ImportReport(
        boolean success, int successCount, List<ImportedObject> imported, List<ObjectImportError> errors) {

    public ImportReport {
        imported = List.copyOf(imported);
        errors = List.copyOf(errors);
    }

    /** True when Kibana reports success and not a single object error. */
    public boolean isClean() {
        return success && errors.isEmpty();
    }

    /**
     * Reads the documented response body.
     *
     * @throws IllegalArgumentException when the body lacks the {@code success} flag, i.e. is not an import response
     */
    static ImportReport fromJson(JsonNode body) {
        if (body == null || !body.path("success").isBoolean()) {
            throw new IllegalArgumentException("the response has no boolean 'success' field");
        }
        List<ImportedObject> imported = new ArrayList<>();
        for (JsonNode result : body.path("successResults")) {
            imported.add(new ImportedObject(
                    ref(result),
                    result.path("meta").path("title").asText(""),
                    Optional.ofNullable(result.get("destinationId")).map(JsonNode::asText)));
        }
        List<ObjectImportError> errors = new ArrayList<>();
        for (JsonNode failure : body.path("errors")) {
            JsonNode error = failure.path("error");
            List<SavedObjectRef> missing = new ArrayList<>();
            for (JsonNode reference : error.path("references")) {
                missing.add(ref(reference));
            }
            String title = failure.path("title")
                    .asText(failure.path("meta").path("title").asText(""));
            errors.add(new ObjectImportError(
                    ref(failure),
                    title,
                    error.path("type").asText("unknown"),
                    error.path("message").asText(""),
                    missing));
        }
        return new ImportReport(
                body.get("success").asBoolean(), body.path("successCount").asInt(0), imported, errors);
    }

    private static SavedObjectRef ref(JsonNode node) {
        return new SavedObjectRef(node.path("type").asText(""), node.path("id").asText(""));
    }
}
