package io.monitron.indexer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/** What Elasticsearch holds for an index pattern, read after a refresh. */
public final class IndexedDocuments {
    private IndexedDocuments() {}

    /** The ids of every document in {@code pattern} (up to 10,000). */
    public static Set<String> ids(ElasticsearchFixture es, String pattern) {
        es.refresh(pattern);
        JsonNode hits = es.request(
                        "POST",
                        "/" + pattern + "/_search?ignore_unavailable=true&allow_no_indices=true",
                        "{\"size\":10000,\"_source\":false,\"sort\":[\"_doc\"]}")
                .json()
                .path("hits")
                .path("hits");
        Set<String> ids = new TreeSet<>();
        hits.forEach(h -> ids.add(h.path("_id").asText()));
        return ids;
    }

    /** The number of documents in {@code pattern}: duplicates would show here even where ids cannot. */
    public static long count(ElasticsearchFixture es, String pattern) {
        es.refresh(pattern);
        return es.request("GET", "/" + pattern + "/_count?ignore_unavailable=true&allow_no_indices=true", null)
                .json()
                .path("count")
                .asLong();
    }

    public static JsonNode source(ElasticsearchFixture es, String index, String id) {
        return es.request("GET", "/" + index + "/_doc/" + id, null).json().path("_source");
    }
}
