package io.monitron.indexer.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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

    /**
     * Makes sure the template Elasticsearch applies to {@code index} (a concrete index name of ours) is ours, {@code
     * name}: another composable template of higher priority on overlapping patterns would win silently, and documents
     * would land in indices with guessed mappings. Asks Elasticsearch itself ({@code _simulate_index}, which needs
     * {@code manage_index_templates}); for a user holding only {@code monitor} (the indexer role), works it out from
     * the templates it may read, by Elasticsearch's rule: the matching composable template of highest priority wins.
     *
     * @throws ConfigException when another template wins, naming it, its priority and patterns, and what to do
     * @throws SinkException when the templates cannot be read
     */
    public void requireApplied(ElasticsearchClient client, String name, String index) {
        Optional<Set<String>> superseded = simulatedOverlapping(client, index);
        if (superseded.isPresent() && !superseded.get().contains(name)) {
            return; // Elasticsearch's own answer: ours is not among the templates that match but lose
        }
        List<Candidate> templates = templates(client);
        if (superseded.isEmpty()
                && winner(templates, index).map(w -> w.name().equals(name)).orElse(true)) {
            return;
        }
        Set<String> losers = superseded.orElse(Set.of());
        Candidate other = templates.stream()
                .filter(t -> !t.name().equals(name) && !losers.contains(t.name()) && t.matches(index))
                .max(Comparator.comparingLong(Candidate::priority))
                .orElse(new Candidate("(unknown)", Long.MIN_VALUE, List.of()));
        long ours = templates.stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .map(Candidate::priority)
                .orElse((long) body.path("priority").asInt(0));
        throw new ConfigException("the index template " + other.name()
                + (other.priority() == Long.MIN_VALUE
                        ? ""
                        : " (priority " + other.priority() + ", index patterns " + other.patterns() + ")")
                + " takes precedence over ours, " + name + " (priority " + ours + "), for " + index
                + ": documents would be indexed with its mappings, not ours. Lower its priority below " + ours
                + " or narrow its index patterns so they do not match " + index + ", or choose another"
                + " --index-prefix; then run setup again");
    }

    /** A composable index template as far as choosing between templates goes. */
    private record Candidate(String name, long priority, List<String> patterns) {
        boolean matches(String index) {
            return patterns.stream().anyMatch(p -> glob(p).matcher(index).matches());
        }
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (regex.length() > 0 || pattern.startsWith("*")) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(pattern.equals("*") ? ".*" : regex.toString());
    }

    private static Optional<Candidate> winner(List<Candidate> templates, String index) {
        return templates.stream().filter(t -> t.matches(index)).max(Comparator.comparingLong(Candidate::priority));
    }

    /** Every composable index template; {@code monitor} may read them. */
    private static List<Candidate> templates(ElasticsearchClient client) {
        Request request = new Request("GET", "/_index_template");
        try {
            Response response = ElasticsearchClients.restClient(client).performRequest(request);
            JsonNode tree = MAPPER.readTree(response.getEntity().getContent());
            List<Candidate> templates = new ArrayList<>();
            for (JsonNode entry : tree.path("index_templates")) {
                JsonNode template = entry.path("index_template");
                List<String> patterns = new ArrayList<>();
                template.path("index_patterns").forEach(p -> patterns.add(p.asText()));
                templates.add(new Candidate(
                        entry.path("name").asText(), template.path("priority").asLong(0), patterns));
            }
            return templates;
        } catch (ResponseException e) {
            throw new SinkException(
                    "cannot read the index templates: HTTP "
                            + e.getResponse().getStatusLine().getStatusCode()
                            + " (does the user have the manage_index_templates or monitor privilege?)",
                    e);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /**
     * The names of the templates that match {@code index} but lose, as Elasticsearch says ({@code _simulate_index});
     * empty when the user may not ask (it takes {@code manage_index_templates}).
     */
    private static Optional<Set<String>> simulatedOverlapping(ElasticsearchClient client, String index) {
        Request request = new Request("POST", "/_index_template/_simulate_index/" + index);
        try {
            Response response = ElasticsearchClients.restClient(client).performRequest(request);
            JsonNode tree = MAPPER.readTree(response.getEntity().getContent());
            Set<String> overlapping = new HashSet<>();
            tree.path("overlapping").forEach(t -> overlapping.add(t.path("name").asText()));
            return Optional.of(overlapping);
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 403) {
                return Optional.empty();
            }
            throw new SinkException("cannot simulate the index template for " + index + ": HTTP " + status, e);
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
