package io.monitron.indexer.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.sink.IndexNames;
import io.monitron.indexer.sink.IndexTemplate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * One benchmark prefix in the cluster: its template installed, and its indices deleted between runs by name (not by
 * wildcard, which clusters may forbid), so that every timed run writes into new indices.
 */
final class FreshIndices {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ElasticsearchClient client;
    private final RestClient rest;
    private final IndexNames names;

    FreshIndices(ElasticsearchClient client, RestClient rest, IndexNames names) {
        this.client = client;
        this.rest = rest;
        this.names = names;
    }

    IndexNames names() {
        return names;
    }

    /** Installs the bundled template for the prefix and deletes the prefix's indices left by an earlier run. */
    void prepare() {
        IndexTemplate.bundled(names).install(client, names.templateName());
        deleteIndices();
    }

    void deleteIndices() {
        try {
            Request list = new Request("GET", "/_cat/indices/" + names.pattern());
            list.addParameter("format", "json");
            list.addParameter("h", "index");
            list.addParameter("expand_wildcards", "all");
            Response response = rest.performRequest(list);
            JsonNode rows = MAPPER.readTree(response.getEntity().getContent());
            List<String> indices = new ArrayList<>();
            rows.forEach(row -> indices.add(row.path("index").asText()));
            if (!indices.isEmpty()) {
                rest.performRequest(new Request("DELETE", "/" + String.join(",", indices)));
            }
        } catch (IOException e) {
            throw new BenchmarkException(
                    "cannot delete the benchmark indices " + names.pattern() + ": " + e.getMessage(), e);
        }
    }

    /** Documents in the prefix's indices after a refresh: checks that a run wrote what it said. */
    long count() {
        try {
            rest.performRequest(new Request("POST", "/" + names.pattern() + "/_refresh"));
            Response response = rest.performRequest(new Request("GET", "/" + names.pattern() + "/_count"));
            return MAPPER.readTree(response.getEntity().getContent())
                    .path("count")
                    .asLong();
        } catch (IOException e) {
            throw new BenchmarkException("cannot count the documents in " + names.pattern() + ": " + e.getMessage(), e);
        }
    }
}
