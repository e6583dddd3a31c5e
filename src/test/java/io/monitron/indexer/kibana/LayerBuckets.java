package io.monitron.indexer.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import io.monitron.indexer.kibana.AuditOracle.IndexedEvent;
import io.monitron.indexer.kibana.SavedObjectQueries.Bucket;
import io.monitron.indexer.kibana.SavedObjectQueries.Count;
import io.monitron.indexer.kibana.SavedObjectQueries.DateHistogram;
import io.monitron.indexer.kibana.SavedObjectQueries.LayerQuery;
import io.monitron.indexer.kibana.SavedObjectQueries.Metric;
import io.monitron.indexer.kibana.SavedObjectQueries.Min;
import io.monitron.indexer.kibana.SavedObjectQueries.Terms;
import io.monitron.indexer.kibana.SavedObjectQueries.UniqueCount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The table a Lens layer shows, one line per innermost bucket in the order Elasticsearch returns them, e.g. {@code
 * time=2026-10-03T00:00:00Z | split=ListProjects -> events=12}. {@link #expected} computes it in memory from the
 * events an oracle selected, with Elasticsearch's rules (terms: top {@code size} by the order metric, ties by key
 * ascending, events without the field left out; date histogram: fixed UTC intervals, empty buckets left out);
 * {@link #actual} renders an aggregation response the same way, so the two compare as lists.
 */
final class LayerBuckets {

    private LayerBuckets() {}

    /**
     * @param autoInterval the fixed interval standing in for Lens's {@code auto}, in days, hours or minutes ({@code
     *     1d}, {@code 12h}); intervals that divide a day keep UTC bucket starts the same as Elasticsearch's
     */
    static List<String> expected(LayerQuery layer, List<IndexedEvent> selected, String autoInterval) {
        return expected(layer, selected, autoInterval, EVENTS);
    }

    /** How a panel's fields read a row: an event, or an estate entity. */
    interface Rows<T> {
        Optional<String> value(T row, String field);

        Instant time(T row);
    }

    static final Rows<IndexedEvent> EVENTS = new Rows<>() {
        @Override
        public Optional<String> value(IndexedEvent event, String field) {
            return AuditOracle.field(field).apply(event);
        }

        @Override
        public Instant time(IndexedEvent event) {
            return event.raw().time();
        }
    };

    static final Rows<EstateOracle.Entity> ENTITIES = new Rows<>() {
        @Override
        public Optional<String> value(EstateOracle.Entity entity, String field) {
            return entity.field(field);
        }

        @Override
        public Instant time(EstateOracle.Entity entity) {
            throw new IllegalStateException("estate panels have no time axis");
        }
    };

    static <T> List<String> expected(LayerQuery layer, List<T> selected, String autoInterval, Rows<T> rows) {
        List<String> lines = new ArrayList<>();
        expand(layer, 0, selected, "", autoInterval, rows, lines);
        return lines;
    }

    private static Duration duration(String interval) {
        long amount = Long.parseLong(interval.substring(0, interval.length() - 1));
        return switch (interval.charAt(interval.length() - 1)) {
            case 'd' -> Duration.ofDays(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'm' -> Duration.ofMinutes(amount);
            default -> throw new IllegalArgumentException("unsupported fixed interval " + interval);
        };
    }

    private static <T> void expand(
            LayerQuery layer,
            int level,
            List<T> events,
            String prefix,
            String autoInterval,
            Rows<T> rows,
            List<String> out) {
        if (level == layer.buckets().size()) {
            out.add(prefix + "-> " + metrics(layer.metrics(), events, rows));
            return;
        }
        Bucket bucket = layer.buckets().get(level);
        Map<String, List<T>> groups = new LinkedHashMap<>();
        if (bucket instanceof DateHistogram histogram) {
            long width = duration(histogram.interval().equals("auto") ? autoInterval : histogram.interval())
                    .toMillis();
            Map<Long, List<T>> byStart = new TreeMap<>();
            for (T event : events) {
                long millis = rows.time(event).toEpochMilli();
                byStart.computeIfAbsent(Math.floorDiv(millis, width) * width, k -> new ArrayList<>())
                        .add(event);
            }
            byStart.forEach(
                    (start, group) -> groups.put(Instant.ofEpochMilli(start).toString(), group));
        } else if (bucket instanceof Terms terms) {
            Map<String, List<T>> byKey = new TreeMap<>();
            for (T event : events) {
                rows.value(event, terms.field()).ifPresent(key -> byKey.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(event));
            }
            Comparator<Map.Entry<String, List<T>>> order =
                    Comparator.comparingLong(entry -> orderValue(layer, terms, entry.getValue(), rows));
            if (!terms.direction().equals("asc")) {
                order = order.reversed();
            }
            // Elasticsearch breaks ties between equal metrics by the key, ascending
            order = order.thenComparing(Map.Entry::getKey);
            byKey.entrySet().stream()
                    .sorted(order)
                    .limit(terms.size())
                    .forEach(entry -> groups.put(entry.getKey(), entry.getValue()));
        }
        groups.forEach((key, group) -> expand(
                layer, level + 1, group, prefix + bucket.columnId() + "=" + key + " | ", autoInterval, rows, out));
    }

    private static <T> long orderValue(LayerQuery layer, Terms terms, List<T> events, Rows<T> rows) {
        if (terms.orderByColumnId().isEmpty()) {
            throw new IllegalStateException(layer.objectId() + ": alphabetical terms order is not modelled");
        }
        Metric metric = layer.metrics().stream()
                .filter(m -> m.columnId().equals(terms.orderByColumnId()))
                .findFirst()
                .orElseThrow();
        return value(metric, events, rows);
    }

    private static <T> String metrics(List<Metric> metrics, List<T> events, Rows<T> rows) {
        List<String> parts = new ArrayList<>();
        for (Metric metric : metrics) {
            parts.add(metric.columnId() + "=" + shown(metric, value(metric, events, rows)));
        }
        return String.join(", ", parts);
    }

    /** A minimum of {@code @timestamp} reads as the instant, so a differing line says which time. */
    private static String shown(Metric metric, long value) {
        return metric instanceof Min ? Instant.ofEpochMilli(value).toString() : Long.toString(value);
    }

    private static <T> long value(Metric metric, List<T> events, Rows<T> rows) {
        if (metric instanceof Count) {
            return events.size();
        }
        if (metric instanceof Min min) {
            if (!min.field().equals("@timestamp")) {
                throw new IllegalStateException("only the minimum of @timestamp is modelled, not of " + min.field());
            }
            return events.stream()
                    .mapToLong(event -> rows.time(event).toEpochMilli())
                    .min()
                    .orElseThrow();
        }
        UniqueCount unique = (UniqueCount) metric;
        Set<String> distinct = new HashSet<>();
        for (T event : events) {
            rows.value(event, unique.field()).ifPresent(distinct::add);
        }
        return distinct.size();
    }

    /** The same lines from the response to {@link LayerQuery#searchBody(String)}. */
    static List<String> actual(LayerQuery layer, JsonNode response) {
        List<String> lines = new ArrayList<>();
        if (layer.buckets().isEmpty()) {
            lines.add("-> " + actualMetrics(layer.metrics(), response.path("aggregations"), totalHits(response)));
        } else {
            walk(layer, 0, response.path("aggregations"), "", lines);
        }
        return lines;
    }

    private static void walk(LayerQuery layer, int level, JsonNode parent, String prefix, List<String> out) {
        Bucket bucket = layer.buckets().get(level);
        for (JsonNode item : parent.path(bucket.columnId()).path("buckets")) {
            String key = bucket instanceof DateHistogram
                    ? Instant.ofEpochMilli(item.path("key").asLong()).toString()
                    : item.path("key").asText();
            String line = prefix + bucket.columnId() + "=" + key + " | ";
            if (level + 1 == layer.buckets().size()) {
                out.add(line + "-> "
                        + actualMetrics(
                                layer.metrics(), item, item.path("doc_count").asLong()));
            } else {
                walk(layer, level + 1, item, line, out);
            }
        }
    }

    private static String actualMetrics(List<Metric> metrics, JsonNode bucket, long count) {
        List<String> parts = new ArrayList<>();
        for (Metric metric : metrics) {
            long value = metric instanceof Count
                    ? count
                    : bucket.path(metric.columnId()).path("value").asLong(-1);
            parts.add(metric.columnId() + "=" + shown(metric, value));
        }
        return String.join(", ", parts);
    }

    private static long totalHits(JsonNode response) {
        JsonNode total = response.path("hits").path("total");
        if (!total.path("relation").asText("eq").equals("eq")) {
            throw new IllegalStateException("the hit count is a lower bound: " + total);
        }
        return total.path("value").asLong();
    }

    /** Where two renderings first differ, for a failure message that points at the bucket. */
    static Optional<String> firstDifference(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : "(nothing)";
            String a = i < actual.size() ? actual.get(i) : "(nothing)";
            if (!e.equals(a)) {
                return Optional.of("line " + (i + 1) + ": expected [" + e + "] but Elasticsearch returned [" + a + "]");
            }
        }
        return Optional.empty();
    }
}
