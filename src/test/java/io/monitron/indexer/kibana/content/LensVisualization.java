package io.monitron.indexer.kibana.content;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A Lens saved object with one form-based layer over the Monitron data view. The layer's condition is a KQL query
 * from the executable subset (no Lens filters), so the integration test can run exactly what the chart shows.
 */
record LensVisualization(
        String id,
        String title,
        String description,
        String query,
        List<LensColumn> columns,
        LensChart chart,
        String dataViewId) {

    static final String LAYER_ID = "main";

    /** A chart over the events. */
    LensVisualization(
            String id, String title, String description, String query, List<LensColumn> columns, LensChart chart) {
        this(id, title, description, query, columns, chart, SavedObjectJson.DATA_VIEW_ID);
    }

    ObjectNode toSavedObject() {
        ObjectNode layer = SavedObjectJson.object();
        ArrayNode order = layer.putArray("columnOrder");
        List<LensColumn> bucketsFirst =
                new ArrayList<>(columns.stream().filter(LensColumn::bucketed).toList());
        bucketsFirst.addAll(columns.stream().filter(c -> !c.bucketed()).toList());
        bucketsFirst.forEach(column -> order.add(column.id()));
        ObjectNode columnsJson = layer.putObject("columns");
        bucketsFirst.forEach(column -> columnsJson.set(column.id(), column.toJson()));
        layer.putObject("incompleteColumns");

        ObjectNode state = SavedObjectJson.object();
        state.putObject("datasourceStates")
                .putObject("formBased")
                .putObject("layers")
                .set(LAYER_ID, layer);
        state.set("visualization", chart.state(LAYER_ID));
        state.set("query", SavedObjectJson.kqlQuery(query));
        state.putArray("filters");
        state.putArray("internalReferences");
        state.putObject("adHocDataViews");

        ObjectNode attributes = SavedObjectJson.object()
                .put("title", title)
                .put("description", description)
                .put("visualizationType", chart.visualizationType());
        attributes.set("state", state);
        ArrayNode references = SavedObjectJson.array()
                .add(SavedObjectJson.dataViewReference("indexpattern-datasource-layer-" + LAYER_ID, dataViewId));
        return SavedObjectJson.envelope("lens", id, attributes, references);
    }
}
