package io.monitron.indexer.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;

/**
 * The composable index template ({@code index-template.json} on the classpath): installed by {@code setup}, checked by
 * {@code index} before it writes, so documents never land in an index with guessed mappings.
 */
public final class IndexTemplate {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String RESOURCE = "/index-template.json";

    private final ObjectNode body;

    private IndexTemplate(ObjectNode body) {
        this.body = body;
    }

    /** The bundled template, with its index pattern set for {@code names}. */
    public static IndexTemplate bundled(IndexNames names) {
        try (InputStream in = IndexTemplate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("index-template.json is missing from the build");
            }
            ObjectNode body = (ObjectNode) MAPPER.readTree(in);
            body.putArray("index_patterns").add(names.pattern());
            return new IndexTemplate(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ObjectNode body() {
        return body.deepCopy();
    }

    public int version() {
        return body.path("_meta").path("version").asInt(0);
    }

    /** Installs or upgrades the template under {@code name}. */
    public void install(ElasticsearchClient client, String name) {
        Request request = new Request("PUT", "/_index_template/" + name);
        request.setEntity(new NStringEntity(body.toString(), ContentType.APPLICATION_JSON));
        perform(client, request, "install the index template " + name);
    }

    /** What Elasticsearch holds under {@code name}: absent, older, or current. */
    public enum State {
        MISSING,
        OUTDATED,
        CURRENT
    }

    public State check(ElasticsearchClient client, String name) {
        Request request = new Request("GET", "/_index_template/" + name);
        request.addParameter("ignore", "404");
        try {
            Response response = ElasticsearchClients.restClient(client).performRequest(request);
            if (response.getStatusLine().getStatusCode() == 404) {
                return State.MISSING;
            }
            JsonNode tree = MAPPER.readTree(response.getEntity().getContent());
            JsonNode templates = tree.path("index_templates");
            if (!templates.isArray() || templates.isEmpty()) {
                return State.MISSING;
            }
            int installed = templates
                    .get(0)
                    .path("index_template")
                    .path("_meta")
                    .path("version")
                    .asInt(0);
            return installed >= version() ? State.CURRENT : State.OUTDATED;
        } catch (ResponseException e) {
            throw new SinkException(
                    "cannot read the index template " + name + ": HTTP "
                            + e.getResponse().getStatusLine().getStatusCode() + " (does the user have the"
                            + " manage_index_templates or monitor privilege?)",
                    e);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    static void perform(ElasticsearchClient client, Request request, String what) {
        try {
            ElasticsearchClients.restClient(client).performRequest(request);
        } catch (ResponseException e) {
            String body = "";
            try {
                body = new String(e.getResponse().getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException ignored) {
                // the status line alone still says what happened
            }
            throw new SinkException(
                    "cannot " + what + ": HTTP "
                            + e.getResponse().getStatusLine().getStatusCode()
                            + (body.isEmpty() ? "" : " " + body.substring(0, Math.min(500, body.length()))),
                    e);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    public static SinkException unreachable(IOException e) {
        return new SinkException(
                "cannot reach Elasticsearch: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()),
                e);
    }
}
