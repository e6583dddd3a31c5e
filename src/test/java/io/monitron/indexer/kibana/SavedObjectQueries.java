package io.monitron.indexer.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What each saved search and each Lens layer in an NDJSON file asks Elasticsearch: its KQL, its filters and, for Lens,
 * the aggregation the columns imply. Built from the NDJSON itself (not from the builder), so it describes what
 * Kibana will run. {@link LayerQuery#searchBody(String)} and {@link SearchQuery#searchBody(int)} give request bodies
 * an integration test can send to {@code monitron-cloudtrail-*}.
 */
public record SavedObjectQueries(List<SearchQuery> searches, List<LayerQuery> layers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A saved search: its query and how Discover shows the hits, over the data view {@code dataViewId}. */
    public record SearchQuery(
            String id,
            String title,
            String kql,
            List<JsonNode> filters,
            List<String> columns,
            List<List<String>> sort,
            String dataViewId) {

        public ObjectNode query() {
            return combine(kql, filters);
        }

        /** The hits request Discover makes: the query, newest first by the saved sort. */
        public ObjectNode searchBody(int size) {
            ObjectNode body = JSON.createObjectNode().put("size", size);
            body.set("query", query());
            ArrayNode sortJson = body.putArray("sort");
            sort.forEach(pair -> sortJson.addObject().put(pair.get(0), pair.get(1)));
            return body;
        }
    }

    /** A bucket column: terms or date histogram. */
    public sealed interface Bucket {
        String columnId();

        String field();
    }

    /**
     * @param orderByColumnId the metric column the buckets are ordered by, or empty for alphabetical order
     */
    public record Terms(String columnId, String field, int size, String orderByColumnId, String direction)
            implements Bucket {}

    public record DateHistogram(String columnId, String field, String interval) implements Bucket {}

    /** A metric column: count, unique count or minimum. */
    public sealed interface Metric {
        String columnId();
    }

    public record Count(String columnId) implements Metric {}

    public record UniqueCount(String columnId, String field) implements Metric {}

    /** The smallest value of a field, e.g. the first time ({@code @timestamp}) a combination of buckets was seen. */
    public record Min(String columnId, String field) implements Metric {}

    /**
     * One Lens layer.
     *
     * @param objectId the Lens saved object id, or {@code dashboardId/panelIndex} for a by-value panel
     * @param buckets bucket columns in Lens's nesting order ({@code columnOrder})
     * @param dataViewId the data view of the layer (its {@code indexpattern-datasource-layer-ID} reference)
     */
    public record LayerQuery(
            String objectId,
            String title,
            String layerId,
            String visualizationType,
            String kql,
            List<JsonNode> filters,
            List<Bucket> buckets,
            List<Metric> metrics,
            String dataViewId) {

        public ObjectNode query() {
            return combine(kql, filters);
        }

        /**
         * The aggregation request: buckets nested in column order, metrics at the innermost level, terms ordered by
         * their metric column. {@code autoInterval} (e.g. {@code 1d}) stands in for Lens's {@code auto} interval,
         * which Kibana derives from the time range; empty buckets are left out (Lens draws them as gaps).
         */
        public ObjectNode searchBody(String autoInterval) {
            ObjectNode body = JSON.createObjectNode().put("size", 0).put("track_total_hits", true);
            body.set("query", query());
            ObjectNode aggs = body.putObject("aggs");
            for (Bucket bucket : buckets) {
                ObjectNode agg = aggs.putObject(bucket.columnId());
                if (bucket instanceof Terms terms) {
                    ObjectNode termsJson =
                            agg.putObject("terms").put("field", terms.field()).put("size", terms.size());
                    if (terms.orderByColumnId().isEmpty()) {
                        termsJson.putObject("order").put("_key", terms.direction());
                    } else {
                        Metric order = metric(terms.orderByColumnId());
                        if (order instanceof Count) {
                            termsJson.putObject("order").put("_count", terms.direction());
                        } else {
                            termsJson.putObject("order").put(order.columnId(), terms.direction());
                            putMetric(agg.putObject("aggs"), order);
                        }
                    }
                } else if (bucket instanceof DateHistogram histogram) {
                    String interval = histogram.interval().equals("auto") ? autoInterval : histogram.interval();
                    agg.putObject("date_histogram")
                            .put("field", histogram.field())
                            .put("fixed_interval", interval)
                            .put("time_zone", "UTC")
                            .put("min_doc_count", 1);
                }
                aggs = agg.has("aggs") ? (ObjectNode) agg.get("aggs") : agg.putObject("aggs");
            }
            for (Metric metric : metrics) {
                putMetric(aggs, metric);
            }
            return body;
        }

        private Metric metric(String columnId) {
            return metrics.stream()
                    .filter(metric -> metric.columnId().equals(columnId))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            objectId + ": terms ordered by unknown metric column " + columnId));
        }

        /** Counts come from {@code doc_count}; unique counts and minimums need an aggregation. */
        private static void putMetric(ObjectNode aggs, Metric metric) {
            if (aggs.has(metric.columnId())) {
                return;
            }
            if (metric instanceof UniqueCount unique) {
                aggs.putObject(unique.columnId()).putObject("cardinality").put("field", unique.field());
            } else if (metric instanceof Min min) {
                aggs.putObject(min.columnId()).putObject("min").put("field", min.field());
            }
        }
    }

    public static SavedObjectQueries fromNdjson(String ndjson) {
        List<SearchQuery> searches = new ArrayList<>();
        List<LayerQuery> layers = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode object = read(line);
            String type = object.path("type").asText();
            JsonNode attributes = object.path("attributes");
            switch (type) {
                case "search" ->
                    searches.add(search(object.path("id").asText(), attributes, object.path("references")));
                case "lens" ->
                    layers.addAll(lensLayers(object.path("id").asText(), attributes, object.path("references")));
                case "dashboard" -> {
                    for (JsonNode panel : read(attributes.path("panelsJSON").asText("[]"))) {
                        JsonNode byValue = panel.path("embeddableConfig").path("attributes");
                        if (panel.path("type").asText().equals("lens") && byValue.isObject()) {
                            String id = object.path("id").asText() + "/"
                                    + panel.path("panelIndex").asText();
                            layers.addAll(lensLayers(id, byValue, byValue.path("references")));
                        }
                    }
                }
                default -> {}
            }
        }
        return new SavedObjectQueries(List.copyOf(searches), List.copyOf(layers));
    }

    public SearchQuery search(String id) {
        return searches.stream()
                .filter(search -> search.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no saved search " + id));
    }

    public LayerQuery layer(String objectId) {
        return layers.stream()
                .filter(layer -> layer.objectId().equals(objectId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Lens layer in " + objectId));
    }

    private static SearchQuery search(String id, JsonNode attributes, JsonNode references) {
        JsonNode source = read(attributes
                .path("kibanaSavedObjectMeta")
                .path("searchSourceJSON")
                .asText("{}"));
        List<String> columns = new ArrayList<>();
        attributes.path("columns").forEach(column -> columns.add(column.asText()));
        List<List<String>> sort = new ArrayList<>();
        attributes
                .path("sort")
                .forEach(pair ->
                        sort.add(List.of(pair.path(0).asText(), pair.path(1).asText())));
        return new SearchQuery(
                id,
                attributes.path("title").asText(),
                kql(source.path("query")),
                list(source.path("filter")),
                List.copyOf(columns),
                List.copyOf(sort),
                dataView(references, "kibanaSavedObjectMeta.searchSourceJSON.index"));
    }

    /** The data view id the reference named {@code name} points at, or empty. */
    private static String dataView(JsonNode references, String name) {
        for (JsonNode reference : references) {
            if (reference.path("name").asText().equals(name)) {
                return reference.path("id").asText();
            }
        }
        return "";
    }

    private static List<LayerQuery> lensLayers(String id, JsonNode attributes, JsonNode references) {
        JsonNode state = attributes.path("state");
        List<LayerQuery> result = new ArrayList<>();
        state.path("datasourceStates").path("formBased").path("layers").fields().forEachRemaining(entry -> {
            JsonNode layer = entry.getValue();
            List<Bucket> buckets = new ArrayList<>();
            List<Metric> metrics = new ArrayList<>();
            for (JsonNode columnId : layer.path("columnOrder")) {
                JsonNode column = layer.path("columns").path(columnId.asText());
                String field = column.path("sourceField").asText();
                JsonNode params = column.path("params");
                switch (column.path("operationType").asText()) {
                    case "terms" ->
                        buckets.add(new Terms(
                                columnId.asText(),
                                field,
                                params.path("size").asInt(),
                                params.path("orderBy").path("type").asText().equals("column")
                                        ? params.path("orderBy")
                                                .path("columnId")
                                                .asText()
                                        : "",
                                params.path("orderDirection").asText("desc")));
                    case "date_histogram" ->
                        buckets.add(new DateHistogram(
                                columnId.asText(),
                                field,
                                params.path("interval").asText("auto")));
                    case "count" -> metrics.add(new Count(columnId.asText()));
                    case "unique_count" -> metrics.add(new UniqueCount(columnId.asText(), field));
                    case "min" -> metrics.add(new Min(columnId.asText(), field));
                    default ->
                        throw new IllegalArgumentException(
                                id + ": column " + columnId.asText()
                                        + " uses operation "
                                        + column.path("operationType").asText()
                                        + ", which the catalog cannot execute; use terms, date_histogram, count, unique_count or min");
                }
            }
            result.add(new LayerQuery(
                    id,
                    attributes.path("title").asText(),
                    entry.getKey(),
                    attributes.path("visualizationType").asText(),
                    kql(state.path("query")),
                    list(state.path("filters")),
                    List.copyOf(buckets),
                    List.copyOf(metrics),
                    dataView(references, "indexpattern-datasource-layer-" + entry.getKey())));
        });
        return result;
    }

    private static String kql(JsonNode query) {
        String language = query.path("language").asText("kuery");
        if (!language.equals("kuery")) {
            throw new IllegalArgumentException("query language " + language + " is not executable; use kuery (KQL)");
        }
        return query.path("query").asText("");
    }

    /**
     * The KQL plus Kibana filters; a filter carries its own DSL in {@code query} and may be negated or disabled. Our
     * objects have none (house rule), but honouring them keeps the catalog faithful if one is added.
     */
    private static ObjectNode combine(String kql, List<JsonNode> filters) {
        ObjectNode query = KqlSubset.toQueryDsl(kql);
        List<JsonNode> active = filters.stream()
                .filter(f -> !f.path("meta").path("disabled").asBoolean(false))
                .toList();
        if (active.isEmpty()) {
            return query;
        }
        ObjectNode combined = JSON.createObjectNode();
        ObjectNode bool = combined.putObject("bool");
        ArrayNode must = bool.putArray("filter").add(query);
        for (JsonNode filter : active) {
            if (!filter.has("query")) {
                throw new IllegalArgumentException("filter without a query cannot be executed: " + filter);
            }
            if (filter.path("meta").path("negate").asBoolean(false)) {
                bool.withArray("must_not").add(filter.get("query"));
            } else {
                must.add(filter.get("query"));
            }
        }
        return combined;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return List.copyOf(items);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
