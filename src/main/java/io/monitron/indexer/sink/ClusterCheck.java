package io.monitron.indexer.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.monitron.indexer.config.ElasticsearchSettings;
import java.io.IOException;
import java.util.stream.Collectors;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;

/** Checks, before a run reads anything, that Elasticsearch answers and accepts the credentials. */
public final class ClusterCheck {
    private ClusterCheck() {}

    public static void requireReachable(ElasticsearchClient client, ElasticsearchSettings settings) {
        String where =
                settings.urls().stream().map(ElasticsearchSettings::redact).collect(Collectors.joining(", "));
        Request request = new Request("GET", "/_cluster/health");
        request.addParameter("filter_path", "status");
        try {
            ElasticsearchClients.restClient(client).performRequest(request);
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 401) {
                throw new SinkException("Elasticsearch at " + where + " refused the credentials (HTTP 401): check"
                        + " ES_USERNAME/ES_PASSWORD or the API key");
            }
            if (status == 403) {
                // a least-privilege user may lack the monitor privilege: it answered, which is what we check here
                return;
            }
            throw new SinkException("Elasticsearch at " + where + " answered HTTP " + status + " to a health check");
        } catch (IOException e) {
            throw new SinkException(
                    "cannot reach Elasticsearch at " + where + ": "
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"),
                    e);
        }
    }
}
