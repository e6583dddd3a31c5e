package io.monitron.indexer.kibana.content;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The visualization half of a Lens state (spec §2.3); accessors are column ids of the single layer. */
sealed interface LensChart {

    String visualizationType();

    ObjectNode state(String layerId);

    /** Bars or lines over a bucketed x axis, optionally split into series. */
    record Xy(String seriesType, String x, String split, String metric) implements LensChart {
        @Override
        public String visualizationType() {
            return "lnsXY";
        }

        @Override
        public ObjectNode state(String layerId) {
            ObjectNode state = SavedObjectJson.object().put("preferredSeriesType", seriesType);
            state.putObject("legend").put("isVisible", true).put("position", "right");
            state.put("valueLabels", "hide");
            ObjectNode layer = state.putArray("layers")
                    .addObject()
                    .put("layerId", layerId)
                    .put("layerType", "data")
                    .put("seriesType", seriesType)
                    .put("xAccessor", x);
            layer.putArray("accessors").add(metric);
            if (split != null) {
                layer.put("splitAccessor", split);
            }
            return state;
        }
    }

    /** A donut of one metric split by one or more bucket columns. */
    record Pie(String group, String metric) implements LensChart {
        @Override
        public String visualizationType() {
            return "lnsPie";
        }

        @Override
        public ObjectNode state(String layerId) {
            ObjectNode state = SavedObjectJson.object().put("shape", "donut");
            ObjectNode layer =
                    state.putArray("layers").addObject().put("layerId", layerId).put("layerType", "data");
            layer.putArray("primaryGroups").add(group);
            layer.putArray("metrics").add(metric);
            layer.put("numberDisplay", "percent")
                    .put("categoryDisplay", "default")
                    .put("legendDisplay", "default")
                    .put("nestedLegend", false);
            return state;
        }
    }

    /** A table of every column, sorted by one column descending. */
    record Table(List<String> columns, String sortColumn) implements LensChart {
        @Override
        public String visualizationType() {
            return "lnsDatatable";
        }

        @Override
        public ObjectNode state(String layerId) {
            ObjectNode state = SavedObjectJson.object().put("layerId", layerId).put("layerType", "data");
            ArrayNode columnStates = state.putArray("columns");
            columns.forEach(
                    column -> columnStates.addObject().put("columnId", column).put("isTransposed", false));
            state.putObject("sorting").put("columnId", sortColumn).put("direction", "desc");
            return state;
        }
    }

    /** A single number. */
    record Metric(String metric) implements LensChart {
        @Override
        public String visualizationType() {
            return "lnsMetric";
        }

        @Override
        public ObjectNode state(String layerId) {
            return SavedObjectJson.object()
                    .put("layerId", layerId)
                    .put("layerType", "data")
                    .put("metricAccessor", metric);
        }
    }
}
