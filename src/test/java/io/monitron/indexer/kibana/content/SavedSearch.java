package io.monitron.indexer.kibana.content;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A Discover session (spec §2.2): a KQL query from the executable subset, columns, sorted descending on a date field
 * (newest first), over a data view.
 */
record SavedSearch(
        String id,
        String title,
        String description,
        String query,
        List<String> columns,
        String sortField,
        String dataViewId) {

    static final String INDEX_REF = "kibanaSavedObjectMeta.searchSourceJSON.index";

    /** A search over the events, newest event first. */
    SavedSearch(String id, String title, String description, String query, List<String> columns) {
        this(id, title, description, query, columns, "@timestamp", SavedObjectJson.DATA_VIEW_ID);
    }

    ObjectNode toSavedObject() {
        ObjectNode attributes = SavedObjectJson.object().put("title", title).put("description", description);
        ArrayNode columnsJson = attributes.putArray("columns");
        columns.forEach(columnsJson::add);
        attributes.putArray("sort").addArray().add(sortField).add("desc");
        attributes.putObject("grid");
        attributes.put("hideChart", false).put("isTextBasedQuery", false).put("timeRestore", false);
        ObjectNode searchSource = SavedObjectJson.object();
        searchSource.set("query", SavedObjectJson.kqlQuery(query));
        searchSource.putArray("filter");
        searchSource.put("indexRefName", INDEX_REF);
        attributes.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", SavedObjectJson.encode(searchSource));
        ArrayNode references = SavedObjectJson.array().add(SavedObjectJson.dataViewReference(INDEX_REF, dataViewId));
        return SavedObjectJson.envelope("search", id, attributes, references);
    }
}
