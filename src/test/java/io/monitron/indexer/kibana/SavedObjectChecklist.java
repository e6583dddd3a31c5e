package io.monitron.indexer.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The structural rules of Kibana's saved-object format as our content uses it, each with a number its violation
 * messages quote, checked without a running Kibana. Field types (rules 18, 24, 39) are {@link FieldUsageCheck}'s job. Each violation names its rule
 * number and the object, so a failing test says what to fix.
 */
final class SavedObjectChecklist {

    static final String DATA_VIEW_ID = "monitron-cloudtrail";
    /** The estate's data view: over one index, without a time field (the estate is the current state). */
    static final String ESTATE_DATA_VIEW_ID = "monitron-estate";
    /** Our data views and the index pattern each must have (rule 15). */
    private static final Map<String, String> DATA_VIEW_TITLES =
            Map.of(DATA_VIEW_ID, "monitron-cloudtrail-*", ESTATE_DATA_VIEW_ID, "monitron-estate");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPE_VERSIONS =
            Map.of("index-pattern", "8.0.0", "search", "8.0.0", "lens", "8.9.0", "dashboard", "10.2.0");
    private static final Set<String> ENVELOPE_KEYS =
            Set.of("type", "id", "attributes", "references", "coreMigrationVersion", "typeMigrationVersion", "managed");
    private static final Map<String, Set<String>> ATTRIBUTE_KEYS = Map.of(
            "index-pattern",
            Set.of(
                    "title",
                    "name",
                    "timeFieldName",
                    "fields",
                    "fieldFormatMap",
                    "fieldAttrs",
                    "runtimeFieldMap",
                    "sourceFilters",
                    "typeMeta",
                    "allowNoIndex"),
            "search",
            Set.of(
                    "title",
                    "description",
                    "columns",
                    "sort",
                    "grid",
                    "rowHeight",
                    "rowsPerPage",
                    "sampleSize",
                    "headerRowHeight",
                    "density",
                    "hideChart",
                    "breakdownField",
                    "kibanaSavedObjectMeta",
                    "isTextBasedQuery",
                    "usesAdHocDataView",
                    "timeRestore",
                    "timeRange",
                    "refreshInterval",
                    "viewMode",
                    "hideAggregatedPreview",
                    "visContext",
                    "hits",
                    "version"),
            "lens",
            Set.of("title", "description", "visualizationType", "state"),
            "dashboard",
            Set.of(
                    "title",
                    "description",
                    "timeRestore",
                    "timeFrom",
                    "timeTo",
                    "refreshInterval",
                    "optionsJSON",
                    "panelsJSON",
                    "kibanaSavedObjectMeta",
                    "controlGroupInput"));
    private static final Pattern OBJECT_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{2,63}$");
    private static final Pattern PANEL_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,39}$");
    private static final Set<String> BUCKET_OPERATIONS = Set.of("terms", "date_histogram", "filters", "range");
    private static final Set<String> OPERATIONS = Set.of(
            "count",
            "unique_count",
            "date_histogram",
            "terms",
            "sum",
            "average",
            "min",
            "max",
            "median",
            "percentile",
            "last_value",
            "filters",
            "range",
            "formula");
    private static final Set<String> SERIES_TYPES = Set.of(
            "bar",
            "bar_stacked",
            "bar_percentage_stacked",
            "bar_horizontal",
            "bar_horizontal_stacked",
            "bar_horizontal_percentage_stacked",
            "line",
            "area",
            "area_stacked",
            "area_percentage_stacked");
    private static final Pattern INTERVAL = Pattern.compile("auto|\\d*(ms|s|m|h|d|w|M|y)");

    private final List<String> violations = new ArrayList<>();
    private final Map<String, JsonNode> objects = new HashMap<>();
    private final Set<String> usedByDashboards = new HashSet<>();
    private final Set<String> linkedDashboards = new HashSet<>();

    private SavedObjectChecklist() {}

    /** All violations in the NDJSON bytes; empty when every rule holds. */
    static List<String> violations(byte[] ndjson) {
        SavedObjectChecklist check = new SavedObjectChecklist();
        check.run(ndjson);
        return List.copyOf(check.violations);
    }

    private void run(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            violation(1, "file", "starts with a byte order mark");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.contains("\r")) {
            violation(1, "file", "contains CR; lines must end with LF only");
        }
        List<JsonNode> parsed = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(lines[i]);
                if (node == null || !node.isObject()) {
                    violation(1, "line " + (i + 1), "is not a JSON object");
                } else if (node.has("exportedCount")) {
                    exportSummary(node, i == lines.length - 1, lines);
                } else {
                    parsed.add(node);
                }
            } catch (IOException e) {
                violation(1, "line " + (i + 1), "is not one complete JSON object: " + e.getMessage());
            }
        }
        for (JsonNode object : parsed) {
            String key = object.path("type").asText() + ":" + object.path("id").asText();
            if (objects.put(key, object) != null) {
                violation(3, key, "appears more than once");
            }
        }
        long dataViews = parsed.stream()
                .filter(o -> o.path("type").asText().equals("index-pattern"))
                .count();
        if (dataViews != DATA_VIEW_TITLES.size()) {
            violation(15, "file", "has " + dataViews + " data views; expected " + DATA_VIEW_TITLES.keySet());
        }
        Map<String, Set<String>> titles = new HashMap<>();
        for (JsonNode object : parsed) {
            envelope(object);
            String title = object.path("attributes").path("title").asText("");
            if (title.isBlank()) {
                violation(11, name(object), "has no title");
            } else if (!titles.computeIfAbsent(object.path("type").asText(), t -> new HashSet<>())
                    .add(title)) {
                violation(11, name(object), "repeats the title \"" + title + "\"");
            }
            switch (object.path("type").asText()) {
                case "index-pattern" -> dataView(object);
                case "search" -> search(object);
                case "lens" -> lens(name(object), object.path("attributes"), refsByName(object), "");
                case "dashboard" -> dashboard(object);
                default -> {}
            }
        }
        for (JsonNode object : parsed) {
            String type = object.path("type").asText();
            if ((type.equals("search") || type.equals("lens"))
                    && !usedByDashboards.contains(type + ":" + object.path("id").asText())) {
                violation(40, name(object), "is on no dashboard");
            }
            if (type.equals("dashboard")
                    && !linkedDashboards.contains(object.path("id").asText())) {
                violation(40, name(object), "is linked from no dashboard's navigation");
            }
        }
    }

    private void exportSummary(JsonNode node, boolean last, String[] lines) {
        if (!last) {
            violation(2, "file", "the export summary line is not the last line");
        }
        if (node.path("missingRefCount").asInt() != 0) {
            violation(2, "file", "the export summary reports missing references");
        }
        long objectsCount =
                java.util.Arrays.stream(lines).filter(l -> !l.isBlank()).count() - 1;
        if (node.path("exportedCount").asLong() != objectsCount) {
            violation(2, "file", "exportedCount differs from the number of objects");
        }
    }

    private void envelope(JsonNode object) {
        String name = name(object);
        String type = object.path("type").asText();
        if (!TYPE_VERSIONS.containsKey(type)) {
            violation(4, name, "has an unsupported type");
        }
        object.fieldNames().forEachRemaining(key -> {
            if (!ENVELOPE_KEYS.contains(key)) {
                violation(5, name, "has envelope key " + key);
            }
        });
        if (!object.path("managed").isBoolean() || object.path("managed").asBoolean()) {
            violation(5, name, "must have managed: false");
        }
        if (!"8.8.0".equals(object.path("coreMigrationVersion").asText(null))) {
            violation(6, name, "coreMigrationVersion must be 8.8.0");
        }
        if (TYPE_VERSIONS.containsKey(type)
                && !TYPE_VERSIONS
                        .get(type)
                        .equals(object.path("typeMigrationVersion").asText(null))) {
            violation(6, name, "typeMigrationVersion must be " + TYPE_VERSIONS.get(type));
        }
        if (!OBJECT_ID.matcher(object.path("id").asText("")).matches()) {
            violation(7, name, "has an id outside ^[a-z0-9][a-z0-9-]{2,63}$");
        }
        Set<String> names = new HashSet<>();
        if (!object.path("references").isArray()) {
            violation(8, name, "has no references array");
        }
        for (JsonNode reference : object.path("references")) {
            String refName = reference.path("name").asText("");
            if (refName.isEmpty()
                    || reference.path("type").asText("").isEmpty()
                    || reference.path("id").asText("").isEmpty()) {
                violation(8, name, "has a reference without name, type or id: " + reference);
            }
            if (!names.add(refName)) {
                violation(8, name, "repeats reference name " + refName);
            }
            String target =
                    reference.path("type").asText() + ":" + reference.path("id").asText();
            if (!objects.containsKey(target)) {
                violation(12, name, "reference " + refName + " points at " + target + ", which is not in the file");
            }
            if (reference.path("type").asText().equals("index-pattern")
                    && !DATA_VIEW_TITLES.containsKey(reference.path("id").asText())) {
                violation(14, name, "reference " + refName + " points at another data view");
            }
            if (refName.contains("panel_") && !refName.matches("[^:]+:panel_[^:]+")) {
                violation(35, name, "reference name " + refName + " contains panel_");
            }
        }
        Set<String> allowed = ATTRIBUTE_KEYS.getOrDefault(type, Set.of());
        object.path("attributes").fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                violation(10, name, "has attribute " + key + " outside the allowlist");
            }
        });
    }

    private void dataView(JsonNode object) {
        String name = name(object);
        JsonNode attributes = object.path("attributes");
        String id = object.path("id").asText();
        if (!DATA_VIEW_TITLES.containsKey(id)) {
            violation(15, name, "is not one of our data views " + DATA_VIEW_TITLES.keySet());
        } else if (!attributes.path("title").asText().equals(DATA_VIEW_TITLES.get(id))) {
            violation(15, name, "title must be " + DATA_VIEW_TITLES.get(id));
        }
        if (id.equals(DATA_VIEW_ID)
                && !attributes.path("timeFieldName").asText().equals("@timestamp")) {
            violation(15, name, "time field must be @timestamp");
        }
        if (id.equals(ESTATE_DATA_VIEW_ID) && attributes.has("timeFieldName")) {
            violation(15, name, "must have no time field: the time picker must not filter the current estate");
        }
        if (!attributes.path("fields").asText("").equals("[]")) {
            violation(15, name, "fields must be \"[]\"");
        }
        for (String key : List.of("fieldFormatMap", "fieldAttrs", "runtimeFieldMap", "typeMeta")) {
            if (attributes.has(key)) {
                jsonString(name, attributes.path(key), key, true);
            }
        }
        for (String key : List.of("fields", "sourceFilters")) {
            jsonString(name, attributes.path(key), key, false);
        }
    }

    private void search(JsonNode object) {
        String name = name(object);
        JsonNode attributes = object.path("attributes");
        JsonNode source = jsonString(
                name, attributes.path("kibanaSavedObjectMeta").path("searchSourceJSON"), "searchSourceJSON", true);
        Map<String, JsonNode> refs = refsByName(object);
        Set<String> consumed = new HashSet<>();
        if (!source.path("query").path("query").isTextual()
                || !Set.of("kuery", "lucene")
                        .contains(source.path("query").path("language").asText())) {
            violation(16, name, "searchSourceJSON.query must be {query: string, language: kuery|lucene}");
        }
        if (!source.path("filter").isArray()) {
            violation(16, name, "searchSourceJSON.filter must be an array");
        }
        if (source.has("index")) {
            violation(16, name, "searchSourceJSON has an inline index");
        }
        String indexRef = "kibanaSavedObjectMeta.searchSourceJSON.index";
        if (!indexRef.equals(source.path("indexRefName").asText())) {
            violation(16, name, "indexRefName must be " + indexRef);
        }
        consume(16, name, refs, indexRef, "index-pattern", consumed);
        for (int i = 0; i < source.path("filter").size(); i++) {
            violation(17, name, "has a filter; house rule: put conditions in the query");
            String filterRef = "kibanaSavedObjectMeta.searchSourceJSON.filter[" + i + "].meta.index";
            if (!filterRef.equals(source.path("filter")
                    .path(i)
                    .path("meta")
                    .path("indexRefName")
                    .asText())) {
                violation(17, name, "filter " + i + " needs meta.indexRefName " + filterRef);
            }
            consume(17, name, refs, filterRef, "index-pattern", consumed);
        }
        JsonNode sort = attributes.path("sort");
        for (JsonNode pair : sort) {
            if (pair.size() != 2 || !Set.of("asc", "desc").contains(pair.path(1).asText())) {
                violation(18, name, "sort entries must be [field, asc|desc]");
            }
        }
        unconsumed(name, refs, consumed);
    }

    /** Rules 19-27 for a Lens saved object or a by-value panel's attributes. */
    private void lens(String name, JsonNode attributes, Map<String, JsonNode> refs, String refPrefix) {
        if (!attributes.path("state").isObject()) {
            violation(9, name, "Lens state must be an object");
            return;
        }
        JsonNode state = attributes.path("state");
        if (!Set.of("lnsXY", "lnsPie", "lnsDatatable", "lnsMetric")
                .contains(attributes.path("visualizationType").asText())) {
            violation(19, name, "visualizationType must be lnsXY, lnsPie, lnsDatatable or lnsMetric");
        }
        JsonNode sources = state.path("datasourceStates");
        JsonNode layers = sources.path("formBased").path("layers");
        if (!layers.isObject() || layers.isEmpty()) {
            violation(19, name, "needs formBased layers");
        }
        for (String legacy : List.of("indexpattern", "textBased")) {
            if (sources.has(legacy) && !sources.path(legacy).path("layers").isEmpty()) {
                violation(19, name, "has " + legacy + " layers");
            }
        }
        if (!state.path("query").path("query").isTextual()
                || !Set.of("kuery", "lucene")
                        .contains(state.path("query").path("language").asText())) {
            violation(20, name, "query must be {query: string, language: kuery|lucene}");
        }
        if (!state.path("filters").isArray() || !state.path("filters").isEmpty()) {
            violation(20, name, "filters must be []");
        }
        if (!state.path("adHocDataViews").isObject()
                || !state.path("adHocDataViews").isEmpty()) {
            violation(20, name, "adHocDataViews must be {}");
        }
        Map<String, Map<String, JsonNode>> columnsByLayer = new HashMap<>();
        Set<String> consumed = new HashSet<>();
        layers.fields().forEachRemaining(entry -> {
            String layerId = entry.getKey();
            if (layerId.contains("panel_") || layerId.contains(":")) {
                violation(35, name, "layer id " + layerId + " contains panel_ or ':'");
            }
            consume(21, name, refs, refPrefix + "indexpattern-datasource-layer-" + layerId, "index-pattern", consumed);
            columnsByLayer.put(layerId, layerColumns(name, layerId, entry.getValue()));
        });
        if (refPrefix.isEmpty()) {
            refs.keySet().stream()
                    .filter(ref -> ref.startsWith("indexpattern-datasource-layer-") && !consumed.contains(ref))
                    .forEach(ref -> violation(21, name, "reference " + ref + " names no layer"));
            unconsumed(name, refs, consumed);
        }
        visualization(name, attributes.path("visualizationType").asText(), state.path("visualization"), columnsByLayer);
    }

    private Map<String, JsonNode> layerColumns(String name, String layerId, JsonNode layer) {
        Map<String, JsonNode> columns = new HashMap<>();
        layer.path("columns").fields().forEachRemaining(column -> columns.put(column.getKey(), column.getValue()));
        List<String> order = new ArrayList<>();
        layer.path("columnOrder").forEach(id -> order.add(id.asText()));
        if (!new HashSet<>(order).equals(columns.keySet()) || order.size() != columns.size()) {
            violation(22, name, "layer " + layerId + " columnOrder is not a permutation of its columns");
        }
        boolean metricSeen = false;
        for (String id : order) {
            boolean bucketed = columns.containsKey(id)
                    && columns.get(id).path("isBucketed").asBoolean();
            if (bucketed && metricSeen) {
                violation(22, name, "layer " + layerId + " lists bucket column " + id + " after a metric");
            }
            metricSeen |= !bucketed;
        }
        columns.forEach((id, column) -> {
            String where = "layer " + layerId + " column " + id;
            if (id.contains("panel_") || id.contains(":")) {
                violation(35, name, where + " id contains panel_ or ':'");
            }
            String operation = column.path("operationType").asText();
            if (!column.path("label").isTextual()
                    || !column.path("dataType").isTextual()
                    || !OPERATIONS.contains(operation)
                    || !column.path("isBucketed").isBoolean()) {
                violation(23, name, where + " needs label, dataType, a known operationType and isBucketed");
            }
            boolean bucketed = column.path("isBucketed").asBoolean();
            if (bucketed != BUCKET_OPERATIONS.contains(operation)) {
                violation(23, name, where + " isBucketed disagrees with " + operation);
            }
            String expectedScale = operation.equals("date_histogram") ? "interval" : bucketed ? "ordinal" : "ratio";
            if (column.has("scale") && !column.path("scale").asText().equals(expectedScale)) {
                violation(23, name, where + " scale must be " + expectedScale);
            }
            if (operation.equals("count")
                    && !column.path("sourceField").asText().equals("___records___")) {
                violation(24, name, where + " count must use ___records___");
            }
            if (operation.equals("terms")) {
                JsonNode params = column.path("params");
                int size = params.path("size").asInt(-1);
                if (!params.path("size").isInt() || size < 1 || size > 1000) {
                    violation(25, name, where + " size must be an integer 1-1000");
                }
                if (!Set.of("asc", "desc")
                        .contains(params.path("orderDirection").asText())) {
                    violation(25, name, where + " orderDirection must be asc or desc");
                }
                if (params.path("orderBy").path("type").asText().equals("column")) {
                    JsonNode target =
                            columns.get(params.path("orderBy").path("columnId").asText());
                    if (target == null || target.path("isBucketed").asBoolean()) {
                        violation(25, name, where + " orders by a column that is not a metric of this layer");
                    }
                }
            }
            if (operation.equals("date_histogram")
                    && !INTERVAL.matcher(column.path("params").path("interval").asText(""))
                            .matches()) {
                violation(26, name, where + " has an invalid interval");
            }
        });
        return columns;
    }

    private void visualization(
            String name, String type, JsonNode vis, Map<String, Map<String, JsonNode>> columnsByLayer) {
        List<JsonNode> layers = new ArrayList<>();
        if (vis.has("layers")) {
            vis.path("layers").forEach(layers::add);
        } else {
            layers.add(vis);
        }
        if (type.equals("lnsXY")
                && !SERIES_TYPES.contains(vis.path("preferredSeriesType").asText())) {
            violation(27, name, "preferredSeriesType is not a known series type");
        }
        for (JsonNode layer : layers) {
            Map<String, JsonNode> columns =
                    columnsByLayer.get(layer.path("layerId").asText());
            if (columns == null) {
                violation(
                        27,
                        name,
                        "visualization names unknown layer "
                                + layer.path("layerId").asText());
                continue;
            }
            if (!layer.path("layerType").asText().equals("data")) {
                violation(27, name, "layerType must be data");
            }
            switch (type) {
                case "lnsXY" -> {
                    if (!SERIES_TYPES.contains(layer.path("seriesType").asText())) {
                        violation(27, name, "seriesType is not a known series type");
                    }
                    accessor(name, columns, layer.path("xAccessor"), true, "xAccessor");
                    accessor(name, columns, layer.path("splitAccessor"), true, "splitAccessor");
                    nonEmptyAccessors(name, columns, layer.path("accessors"), "accessors");
                }
                case "lnsPie" -> {
                    if (!Set.of("pie", "donut", "treemap", "mosaic", "waffle")
                            .contains(vis.path("shape").asText())) {
                        violation(27, name, "pie shape is not known");
                    }
                    if (layer.has("metric") || layer.has("groups")) {
                        violation(27, name, "pie uses the legacy metric/groups keys");
                    }
                    layer.path("primaryGroups").forEach(g -> accessor(name, columns, g, true, "primaryGroups"));
                    nonEmptyAccessors(name, columns, layer.path("metrics"), "metrics");
                }
                case "lnsDatatable" -> {
                    List<String> ids = new ArrayList<>();
                    layer.path("columns")
                            .forEach(c -> ids.add(c.path("columnId").asText()));
                    if (ids.size() != columns.size() || !new HashSet<>(ids).equals(columns.keySet())) {
                        violation(27, name, "datatable columns must list every column once");
                    }
                }
                case "lnsMetric" -> {
                    if (layer.has("accessor")) {
                        violation(27, name, "metric uses the legacy accessor key");
                    }
                    accessor(name, columns, layer.path("metricAccessor"), false, "metricAccessor");
                    if (layer.has("breakdownByAccessor")) {
                        accessor(name, columns, layer.path("breakdownByAccessor"), true, "breakdownByAccessor");
                    }
                }
                default -> {}
            }
        }
    }

    private void nonEmptyAccessors(String name, Map<String, JsonNode> columns, JsonNode accessors, String what) {
        if (!accessors.isArray() || accessors.isEmpty()) {
            violation(27, name, what + " must be a non-empty array");
        }
        accessors.forEach(a -> accessor(name, columns, a, false, what));
    }

    private void accessor(String name, Map<String, JsonNode> columns, JsonNode id, boolean bucketed, String what) {
        if (id.isMissingNode()) {
            return;
        }
        JsonNode column = columns.get(id.asText());
        if (column == null) {
            violation(27, name, what + " names missing column " + id.asText());
        } else if (column.path("isBucketed").asBoolean() != bucketed) {
            violation(27, name, what + " " + id.asText() + " must be " + (bucketed ? "bucketed" : "a metric"));
        }
    }

    private void dashboard(JsonNode object) {
        String name = name(object);
        JsonNode attributes = object.path("attributes");
        Map<String, JsonNode> refs = refsByName(object);
        Set<String> consumed = new HashSet<>();
        JsonNode panels = jsonString(name, attributes.path("panelsJSON"), "panelsJSON", false);
        JsonNode options = jsonString(name, attributes.path("optionsJSON"), "optionsJSON", true);
        JsonNode source = jsonString(
                name, attributes.path("kibanaSavedObjectMeta").path("searchSourceJSON"), "searchSourceJSON", true);
        if (panels.isEmpty()) {
            violation(40, name, "has no panels");
        }
        Set<String> panelIds = new HashSet<>();
        List<int[]> rectangles = new ArrayList<>();
        for (JsonNode panel : panels) {
            String panelIndex = panel.path("panelIndex").asText("");
            String where = "panel " + panelIndex;
            if (!panelIds.add(panelIndex)) {
                violation(28, name, where + " repeats a panelIndex");
            }
            if (!PANEL_ID.matcher(panelIndex).matches() || panelIndex.contains("panel_")) {
                violation(28, name, where + " has a panelIndex outside ^[a-z0-9][a-z0-9-]{0,39}$");
            }
            JsonNode grid = panel.path("gridData");
            if (!grid.path("i").asText().equals(panelIndex)) {
                violation(28, name, where + " gridData.i differs from panelIndex");
            }
            String type = panel.path("type").asText();
            if (!Set.of("lens", "search", "visualization").contains(type)
                    || !panel.path("embeddableConfig").isObject()) {
                violation(
                        28,
                        name,
                        where + " must be lens, search or a markdown visualization with an embeddableConfig object");
            }
            int x = grid.path("x").asInt(-1), y = grid.path("y").asInt(-1);
            int w = grid.path("w").asInt(-1), h = grid.path("h").asInt(-1);
            boolean integers = grid.path("x").isInt()
                    && grid.path("y").isInt()
                    && grid.path("w").isInt()
                    && grid.path("h").isInt();
            if (!integers || x < 0 || y < 0 || w < 4 || h < 4 || x + w > 48) {
                violation(29, name, where + " grid " + grid + " is outside the 48-column grid or under 4x4");
            }
            for (int[] other : rectangles) {
                if (x < other[0] + other[2] && other[0] < x + w && y < other[1] + other[3] && other[1] < y + h) {
                    violation(29, name, where + " overlaps another panel");
                }
            }
            rectangles.add(new int[] {x, y, w, h});
            JsonNode byValue = panel.path("embeddableConfig").path("attributes");
            if (panel.has("panelRefName")) {
                if (!panel.path("panelRefName").asText().equals("panel_" + panelIndex)) {
                    violation(30, name, where + " panelRefName must be panel_" + panelIndex);
                }
                if (byValue.isObject() || panel.path("embeddableConfig").has("savedObjectId")) {
                    violation(30, name, where + " is by reference and by value at once");
                }
                JsonNode ref = consume(30, name, refs, panelIndex + ":panel_" + panelIndex, type, consumed);
                if (ref != null) {
                    usedByDashboards.add(type + ":" + ref.path("id").asText());
                }
            } else if (type.equals("lens") && byValue.isObject()) {
                lens(name + " " + where, byValue, refs, panelIndex + ":");
                byValue.path("references").forEach(inner -> {
                    JsonNode outer = consume(
                            31,
                            name,
                            refs,
                            panelIndex + ":" + inner.path("name").asText(),
                            inner.path("type").asText(),
                            consumed);
                    if (outer != null
                            && !outer.path("id")
                                    .asText()
                                    .equals(inner.path("id").asText())) {
                        violation(
                                31,
                                name,
                                where + " reference " + inner.path("name").asText() + " differs");
                    }
                });
            } else if (type.equals("visualization")) {
                markdown(name, where, panel.path("embeddableConfig"));
            } else {
                violation(30, name, where + " is neither by reference nor by value");
            }
        }
        if (attributes.path("timeRestore").asBoolean()
                && (!attributes.path("timeFrom").isTextual()
                        || !attributes.path("timeTo").isTextual())) {
            violation(32, name, "timeRestore needs timeFrom and timeTo");
        }
        JsonNode refresh = attributes.path("refreshInterval");
        if (!refresh.path("pause").isBoolean() || !refresh.path("value").isInt()) {
            violation(32, name, "refreshInterval must be {pause: bool, value: int}");
        }
        if (!source.has("query")
                || !source.path("filter").isArray()
                || !source.path("filter").isEmpty()
                || source.has("index")) {
            violation(33, name, "searchSourceJSON must have query, filter [] and no index");
        }
        Set<String> optionKeys = Set.of("useMargins", "syncColors", "syncCursor", "syncTooltips", "hidePanelTitles");
        options.fields().forEachRemaining(option -> {
            if (!optionKeys.contains(option.getKey()) || !option.getValue().isBoolean()) {
                violation(34, name, "optionsJSON." + option.getKey() + " is not an allowed boolean");
            }
        });
        controls(name, attributes.path("controlGroupInput"), refs, consumed);
        unconsumed(name, refs, consumed);
    }

    /**
     * Rule 31 for the one by-value visualization we use, a markdown text (house rule: navigation only): {@code
     * savedVis} of type markdown with its text in {@code params.markdown}, no references, and every dashboard link
     * ({@code #/view/ID}) to a dashboard in the file.
     */
    private void markdown(String name, String where, JsonNode config) {
        JsonNode vis = config.path("savedVis");
        if (!vis.path("type").asText().equals("markdown")
                || !vis.path("params").path("markdown").isTextual()) {
            violation(31, name, where + " by-value visualizations must be markdown, with params.markdown text");
            return;
        }
        if (!vis.path("data").path("searchSource").isObject()
                || !vis.path("data").path("aggs").isArray()) {
            violation(31, name, where + " savedVis.data needs aggs [] and a searchSource");
        }
        java.util.regex.Matcher link = Pattern.compile("\\]\\(#/view/([^)]+)\\)")
                .matcher(vis.path("params").path("markdown").asText());
        while (link.find()) {
            linkedDashboards.add(link.group(1));
            if (!objects.containsKey("dashboard:" + link.group(1))) {
                violation(31, name, where + " links to dashboard " + link.group(1) + ", which is not in the file");
            }
        }
    }

    private void controls(String name, JsonNode group, Map<String, JsonNode> refs, Set<String> consumed) {
        if (group.isMissingNode()) {
            return;
        }
        Set<String> groupKeys = Set.of(
                "controlStyle", "chainingSystem", "showApplySelections", "ignoreParentSettingsJSON", "panelsJSON");
        group.fieldNames().forEachRemaining(key -> {
            if (!groupKeys.contains(key)) {
                violation(36, name, "controlGroupInput has key " + key);
            }
        });
        if (!Set.of("oneLine", "twoLine").contains(group.path("controlStyle").asText())
                || !Set.of("HIERARCHICAL", "NONE")
                        .contains(group.path("chainingSystem").asText())) {
            violation(36, name, "controlStyle or chainingSystem outside the enums");
        }
        JsonNode ignore = jsonString(name, group.path("ignoreParentSettingsJSON"), "ignoreParentSettingsJSON", true);
        for (String key : List.of("ignoreFilters", "ignoreQuery", "ignoreTimerange", "ignoreValidations")) {
            if (!ignore.path(key).isBoolean()) {
                violation(36, name, "ignoreParentSettingsJSON." + key + " must be a boolean");
            }
        }
        JsonNode controls = jsonString(name, group.path("panelsJSON"), "controlGroupInput.panelsJSON", true);
        Set<Integer> orders = new HashSet<>();
        Iterator<Map.Entry<String, JsonNode>> entries = controls.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String id = entry.getKey();
            JsonNode control = entry.getValue();
            JsonNode input = control.path("explicitInput");
            String where = "control " + id;
            if (id.contains("panel_") || id.contains(":")) {
                violation(35, name, where + " id contains panel_ or ':'");
            }
            if (!control.path("type").asText().equals("optionsListControl")
                    || !Set.of("small", "medium", "large")
                            .contains(control.path("width").asText())
                    || !control.path("grow").isBoolean()) {
                violation(37, name, where + " needs type optionsListControl, a width enum and grow");
            }
            int order = control.path("order").asInt(-1);
            if (!control.path("order").isInt() || order < 0 || order >= controls.size() || !orders.add(order)) {
                violation(37, name, where + " order must be unique in 0.." + (controls.size() - 1));
            }
            if (!input.path("fieldName").isTextual()
                    || !input.path("selectedOptions").isArray()
                    || !Set.of("prefix", "wildcard", "exact")
                            .contains(input.path("searchTechnique").asText())
                    || !Set.of("_count", "_key")
                            .contains(input.path("sort").path("by").asText())
                    || !Set.of("asc", "desc")
                            .contains(input.path("sort").path("direction").asText())) {
                violation(37, name, where + " explicitInput needs fieldName, selectedOptions, searchTechnique, sort");
            }
            if (input.has("id") && !input.path("id").asText().equals(id)) {
                violation(37, name, where + " explicitInput.id differs from its key");
            }
            JsonNode ref =
                    consume(38, name, refs, "controlGroup_" + id + ":optionsListDataView", "index-pattern", consumed);
            if (ref != null
                    && input.has("dataViewId")
                    && !input.path("dataViewId").asText().equals(ref.path("id").asText())) {
                violation(38, name, where + " dataViewId differs from its reference");
            }
            if (input.has("dataViewId")
                    && !DATA_VIEW_TITLES.containsKey(input.path("dataViewId").asText())) {
                violation(14, name, where + " names another data view inline");
            }
        }
    }

    /** Rule 9: a string attribute that parses to the expected container and is not double-encoded. */
    private JsonNode jsonString(String name, JsonNode value, String what, boolean object) {
        if (!value.isTextual()) {
            violation(9, name, what + " must be a JSON string");
            return object ? JSON.createObjectNode() : JSON.createArrayNode();
        }
        try {
            JsonNode parsed = JSON.readTree(value.asText());
            if (parsed == null || (object ? !parsed.isObject() : !parsed.isArray())) {
                violation(9, name, what + " must encode a JSON " + (object ? "object" : "array"));
                return object ? JSON.createObjectNode() : JSON.createArrayNode();
            }
            if (!JSON.readTree(JSON.writeValueAsString(parsed)).equals(parsed)) {
                violation(9, name, what + " does not round-trip");
            }
            return parsed;
        } catch (IOException e) {
            violation(9, name, what + " does not parse: " + e.getMessage());
            return object ? JSON.createObjectNode() : JSON.createArrayNode();
        }
    }

    private JsonNode consume(
            int rule, String name, Map<String, JsonNode> refs, String refName, String type, Set<String> consumed) {
        JsonNode ref = refs.get(refName);
        if (ref == null) {
            violation(rule, name, "has no reference named " + refName);
            return null;
        }
        if (!ref.path("type").asText().equals(type)) {
            violation(rule, name, "reference " + refName + " must have type " + type);
        }
        if (!consumed.add(refName)) {
            violation(13, name, "reference " + refName + " is consumed twice");
        }
        return ref;
    }

    private void unconsumed(String name, Map<String, JsonNode> refs, Set<String> consumed) {
        refs.keySet().stream()
                .filter(ref -> !consumed.contains(ref))
                .sorted()
                .forEach(ref -> violation(13, name, "reference " + ref + " is used by nothing"));
    }

    private static Map<String, JsonNode> refsByName(JsonNode object) {
        Map<String, JsonNode> refs = new HashMap<>();
        object.path("references").forEach(ref -> refs.put(ref.path("name").asText(), ref));
        return refs;
    }

    private static String name(JsonNode object) {
        return object.path("type").asText() + " " + object.path("id").asText();
    }

    private void violation(int rule, String where, String problem) {
        violations.add("[rule " + rule + "] " + where + ": " + problem);
    }
}
