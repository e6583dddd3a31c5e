package io.monitron.indexer.kibana.content;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A form-based Lens column (spec §2.3): buckets (terms, date histogram) and metrics (count, unique count, first seen). */
sealed interface LensColumn {

    String id();

    String label();

    boolean bucketed();

    ObjectNode toJson();

    private static ObjectNode base(LensColumn column, String dataType, String operation, String scale) {
        return SavedObjectJson.object()
                .put("label", column.label())
                .put("customLabel", true)
                .put("dataType", dataType)
                .put("operationType", operation)
                .put("isBucketed", column.bucketed())
                .put("scale", scale);
    }

    /** Number of documents. */
    record Count(String id, String label) implements LensColumn {
        @Override
        public boolean bucketed() {
            return false;
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = base(this, "number", "count", "ratio").put("sourceField", "___records___");
            json.putObject("params").put("emptyAsNull", true);
            return json;
        }
    }

    /** Number of distinct values of an aggregatable field. */
    record UniqueCount(String id, String label, String field) implements LensColumn {
        @Override
        public boolean bucketed() {
            return false;
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = base(this, "number", "unique_count", "ratio").put("sourceField", field);
            json.putObject("params").put("emptyAsNull", true);
            return json;
        }
    }

    /** The earliest {@code @timestamp} of the row's events: when a combination of values was first seen. */
    record FirstSeen(String id, String label) implements LensColumn {
        @Override
        public boolean bucketed() {
            return false;
        }

        @Override
        public ObjectNode toJson() {
            return base(this, "date", "min", "ratio").put("sourceField", "@timestamp");
        }
    }

    /** Time buckets on {@code @timestamp} with Kibana's automatic interval. */
    record DateHistogram(String id, String label) implements LensColumn {
        @Override
        public boolean bucketed() {
            return true;
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = base(this, "date", "date_histogram", "interval").put("sourceField", "@timestamp");
            json.putObject("params")
                    .put("interval", "auto")
                    .put("includeEmptyRows", true)
                    .put("dropPartials", false);
            return json;
        }
    }

    /** Top values of a keyword field, ordered by a metric column of the same layer. */
    record Terms(String id, String label, String field, int size, String orderByColumnId) implements LensColumn {
        @Override
        public boolean bucketed() {
            return true;
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = base(this, "string", "terms", "ordinal").put("sourceField", field);
            ObjectNode params = json.putObject("params").put("size", size);
            params.putObject("orderBy").put("type", "column").put("columnId", orderByColumnId);
            params.put("orderDirection", "desc")
                    .put("otherBucket", true)
                    .put("missingBucket", false)
                    .putObject("parentFormat")
                    .put("id", "terms");
            return json;
        }
    }
}
