package io.monitron.indexer.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.model.PartitionState;
import io.monitron.indexer.port.CheckpointException;
import io.monitron.indexer.port.StateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Keeps partition states as documents in an Elasticsearch index of their own (default {@value #DEFAULT_INDEX}), so
 * runs from any machine or container share them. One document per scope and partition; updates are optimistic
 * ({@code if_seq_no}/{@code if_primary_term}), so two runs never silently overwrite each other.
 */
public final class ElasticsearchStateStore implements StateStore {
    public static final String DEFAULT_INDEX = "monitron-indexer-state";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_PARTITIONS = 10_000;

    private final RestClient client;
    private final String index;
    private final ClusterRequests requests;
    private final Clock clock;
    private boolean indexChecked;

    public ElasticsearchStateStore(RestClient client, String index, RetryPolicy retryPolicy, Clock clock) {
        this.client = client;
        this.index = index;
        this.requests = new ClusterRequests(client, retryPolicy);
        this.clock = clock;
    }

    @Override
    public List<PartitionState> load(String scope) {
        ensureIndex();
        ObjectNode query = MAPPER.createObjectNode();
        query.put("size", MAX_PARTITIONS);
        query.put("seq_no_primary_term", true);
        query.putObject("query").putObject("term").put("scope", scope);
        Request request = new Request("POST", "/" + index + "/_search");
        request.setEntity(new NStringEntity(query.toString(), ContentType.APPLICATION_JSON));
        JsonNode hits = perform(request, "read the state").path("hits").path("hits");
        List<PartitionState> states = new ArrayList<>();
        for (JsonNode hit : hits) {
            states.add(fromHit(hit));
        }
        return states;
    }

    @Override
    public Optional<PartitionState> load(String scope, String partition) {
        Request request = new Request("GET", "/" + index + "/_doc/" + id(scope, partition));
        try {
            Response response = requests.send(request);
            return Optional.of(fromHit(MAPPER.readTree(response.getEntity().getContent())));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw failure("read the state", e);
        } catch (IOException e) {
            throw failure("read the state", e);
        }
    }

    @Override
    public Optional<String> save(PartitionState state) {
        ensureIndex();
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("scope", state.scope());
        doc.put("partition", state.partition());
        state.watermark().ifPresent(w -> doc.put("watermark", w.toString()));
        doc.put("updated", clock.instant().toString());
        doc.put("entries", state.done().size());
        ArrayNode done = doc.putArray("done");
        state.done().forEach((key, entry) -> {
            ObjectNode e = done.addObject();
            e.put("key", key);
            e.put("version", entry.version());
            entry.stamp().ifPresent(s -> e.put("stamp", s.toString()));
        });
        Request request = new Request("PUT", "/" + index + "/_doc/" + id(state.scope(), state.partition()));
        request.addParameter("refresh", "true");
        if (state.concurrencyToken().isPresent()) {
            String[] parts = state.concurrencyToken().get().split(":");
            request.addParameter("if_seq_no", parts[0]);
            request.addParameter("if_primary_term", parts[1]);
        } else {
            request.addParameter("op_type", "create");
        }
        request.setEntity(new NStringEntity(doc.toString(), ContentType.APPLICATION_JSON));
        try {
            Response response = requests.send(request);
            JsonNode body = MAPPER.readTree(response.getEntity().getContent());
            return Optional.of(body.path("_seq_no").asLong() + ":"
                    + body.path("_primary_term").asLong());
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 409) {
                return Optional.empty();
            }
            throw failure("save the state", e);
        } catch (IOException e) {
            throw failure("save the state", e);
        }
    }

    /** Removes the scope's documents by id, without reading them: a state that cannot be parsed can still be reset. */
    @Override
    public void delete(String scope) {
        // by id rather than _delete_by_query, which needs a module not every cluster has; a scope has few documents
        ensureIndex();
        ObjectNode query = MAPPER.createObjectNode();
        query.put("size", MAX_PARTITIONS);
        query.put("_source", false);
        query.putObject("query").putObject("term").put("scope", scope);
        Request search = new Request("POST", "/" + index + "/_search");
        search.setEntity(new NStringEntity(query.toString(), ContentType.APPLICATION_JSON));
        for (JsonNode hit : perform(search, "reset the state").path("hits").path("hits")) {
            Request request = new Request(
                    "DELETE", "/" + index + "/_doc/" + hit.path("_id").asText());
            request.addParameter("refresh", "true");
            try {
                requests.send(request);
            } catch (ResponseException e) {
                if (e.getResponse().getStatusLine().getStatusCode() != 404) {
                    throw failure("reset the state", e);
                }
            } catch (IOException e) {
                throw failure("reset the state", e);
            }
        }
    }

    private synchronized void ensureIndex() {
        if (indexChecked) {
            return;
        }
        Request head = new Request("HEAD", "/" + index);
        try {
            int status = requests.send(head).getStatusLine().getStatusCode();
            if (status == 404) {
                create();
            } else {
                requireUsableMapping();
            }
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                create();
            } else {
                throw failure("check the state index", e);
            }
        } catch (IOException e) {
            throw failure("check the state index", e);
        }
        indexChecked = true;
    }

    /** The state index's settings and explicit mapping: the body of the index, and of the template that guards it. */
    static ObjectNode indexBody() {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode settings = body.putObject("settings");
        settings.put("index.number_of_shards", 1);
        settings.put("index.auto_expand_replicas", "0-1");
        ObjectNode mappings = body.putObject("mappings");
        mappings.put("dynamic", false);
        ObjectNode properties = mappings.putObject("properties");
        properties.putObject("scope").put("type", "keyword");
        properties.putObject("partition").put("type", "keyword");
        properties.putObject("watermark").put("type", "date");
        properties.putObject("updated").put("type", "date");
        properties.putObject("entries").put("type", "integer");
        properties.putObject("done").put("type", "object").put("enabled", false);
        return body;
    }

    /**
     * Installs an index template for the state index ({@code setup}), so that a state index re-created by a write
     * (after someone deleted it during a run) gets the explicit mapping, not a dynamic one the state's lookups would
     * never match.
     */
    public static void installTemplate(RestClient client, String index) {
        ObjectNode template = MAPPER.createObjectNode();
        template.putArray("index_patterns").add(index);
        template.put("priority", 1000);
        template.set("template", indexBody());
        template.putObject("_meta").put("description", "run state of monitron-cloudtrail-indexer");
        Request request = new Request("PUT", "/_index_template/" + templateName(index));
        request.setEntity(new NStringEntity(template.toString(), ContentType.APPLICATION_JSON));
        try {
            client.performRequest(request);
        } catch (IOException e) {
            throw new SinkException(
                    "cannot install the state index template " + templateName(index) + ": "
                            + (e instanceof ResponseException re
                                    ? "HTTP " + re.getResponse().getStatusLine().getStatusCode()
                                    : e.getClass().getSimpleName()),
                    e);
        }
    }

    public static String templateName(String index) {
        return index + "-template";
    }

    private void create() {
        Request request = new Request("PUT", "/" + index);
        request.setEntity(new NStringEntity(indexBody().toString(), ContentType.APPLICATION_JSON));
        try {
            requests.send(request);
        } catch (ResponseException e) {
            // another run created it first
            if (!ClusterRequests.responseBody(e).contains("resource_already_exists_exception")) {
                throw failure("create the state index " + index, e);
            }
        } catch (IOException e) {
            throw failure("create the state index " + index, e);
        }
    }

    /** A state index mapped otherwise (e.g. re-created dynamically by a write) is reported, never used silently. */
    private void requireUsableMapping() {
        JsonNode mappings = perform(new Request("GET", "/" + index + "/_mapping"), "read the state index mapping");
        for (JsonNode indexMapping : mappings) {
            JsonNode properties = indexMapping.path("mappings").path("properties");
            String scopeType = properties.path("scope").path("type").asText("missing");
            String partitionType = properties.path("partition").path("type").asText("missing");
            if (!scopeType.equals("keyword") || !partitionType.equals("keyword")) {
                throw new CheckpointException(
                        "the state index " + index + " has a mapping the indexer cannot use (scope is " + scopeType
                                + ", partition " + partitionType + ", both must be keyword), e.g. because it was"
                                + " deleted during a run and re-created by a write: delete the index (the next run"
                                + " reads every input once more, harmlessly) and run `setup` again, or give another"
                                + " --state-index",
                        null);
            }
        }
    }

    private JsonNode perform(Request request, String what) {
        try {
            Response response = requests.send(request);
            return MAPPER.readTree(response.getEntity().getContent());
        } catch (IOException e) {
            throw failure(what, e);
        }
    }

    private PartitionState fromHit(JsonNode hit) {
        try {
            return parse(hit);
        } catch (RuntimeException e) {
            JsonNode source = hit.path("_source");
            throw new CheckpointException(
                    "the state document " + hit.path("_id").asText() + " in index " + index + " (scope "
                            + source.path("scope").asText("?") + ", partition "
                            + source.path("partition").asText("?")
                            + ") cannot be read (" + e.getMessage() + "): run again with --reset-state to forget"
                            + " that state (its inputs are read once more, harmlessly), or delete the document",
                    e);
        }
    }

    private static PartitionState parse(JsonNode hit) {
        JsonNode source = hit.path("_source");
        Map<String, PartitionState.DoneEntry> done = new LinkedHashMap<>();
        for (JsonNode entry : source.path("done")) {
            Optional<Instant> stamp = entry.hasNonNull("stamp")
                    ? Optional.of(Instant.parse(entry.get("stamp").asText()))
                    : Optional.empty();
            done.put(
                    entry.path("key").asText(),
                    new PartitionState.DoneEntry(entry.path("version").asText(), stamp));
        }
        Optional<Instant> watermark = source.hasNonNull("watermark")
                ? Optional.of(Instant.parse(source.get("watermark").asText()))
                : Optional.empty();
        String token =
                hit.path("_seq_no").asLong() + ":" + hit.path("_primary_term").asLong();
        return new PartitionState(
                source.path("scope").asText(), source.path("partition").asText(), watermark, done, Optional.of(token));
    }

    static String id(String scope, String partition) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha.digest((scope + "\n" + partition).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private CheckpointException failure(String what, IOException e) {
        return new CheckpointException(
                "cannot " + what + " in Elasticsearch index " + index + ": " + ClusterRequests.describe(e), e);
    }
}
