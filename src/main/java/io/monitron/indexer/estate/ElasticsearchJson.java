package io.monitron.indexer.estate;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.sink.ClusterRequests;
import io.monitron.indexer.sink.ElasticsearchClients;
import io.monitron.indexer.sink.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;

/** JSON requests to Elasticsearch over the low-level client, with failures turned into {@link EstateException}. */
final class ElasticsearchJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterRequests rest;

    ElasticsearchJson(ElasticsearchClient client) {
        this.rest = new ClusterRequests(ElasticsearchClients.restClient(client), RetryPolicy.DEFAULT);
    }

    /** Sends the request; a 404 answers {@code null} when {@code missingOk}, any other error status throws. */
    JsonNode send(
            String method, String path, Map<String, String> parameters, String body, String what, boolean missingOk) {
        Request request = new Request(method, path);
        parameters.forEach(request::addParameter);
        if (body != null) {
            request.setEntity(new NStringEntity(body, ContentType.APPLICATION_JSON));
        }
        return perform(request, what, missingOk);
    }

    /** Sends a bulk body (NDJSON) and answers the response. */
    JsonNode sendNdjson(String path, String ndjson, String what) {
        Request request = new Request("POST", path);
        request.setEntity(
                new NStringEntity(ndjson, ContentType.create("application/x-ndjson", StandardCharsets.UTF_8)));
        return perform(request, what, false);
    }

    private JsonNode perform(Request request, String what, boolean missingOk) {
        try {
            Response response = rest.send(request);
            if (response.getEntity() == null) {
                return JSON.createObjectNode();
            }
            try (InputStream in = response.getEntity().getContent()) {
                return JSON.readTree(in);
            }
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 404 && missingOk) {
                return null;
            }
            throw new EstateException(
                    "cannot " + what + ": HTTP " + status + " " + excerpt(e)
                            + (status == 403
                                    ? " (the user needs read on the events indices and create_index, index, read and delete"
                                            + " on the estate index)"
                                    : ""),
                    e);
        } catch (IOException e) {
            throw new EstateException("cannot " + what + ": Elasticsearch unreachable (" + e.getMessage() + ")", e);
        }
    }

    private static String excerpt(ResponseException e) {
        try (InputStream in = e.getResponse().getEntity().getContent()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return body.substring(0, Math.min(500, body.length()));
        } catch (IOException | RuntimeException ignored) {
            return "";
        }
    }
}
