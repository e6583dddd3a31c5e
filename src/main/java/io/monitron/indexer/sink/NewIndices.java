package io.monitron.indexer.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;

/**
 * Counts the distinct indices a run writes to that did not exist before it, so the run can warn when event times
 * spread over many months create index after index (each with its shard, up to the cluster's shard limit). Thread-safe
 * and cheap: one set lookup per document.
 */
public final class NewIndices {
    /** More new indices than this in one run deserve a warning: more than a year of monthly indices. */
    public static final int WARN_AFTER = 12;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Set<String> existing;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicInteger created = new AtomicInteger();

    /** @param existing the indices there before the run */
    public NewIndices(Set<String> existing) {
        this.existing = Set.copyOf(existing);
    }

    /**
     * The indices matching {@code names.pattern()} now, as a user with {@code view_index_metadata} on them (the
     * indexer role) may list them.
     *
     * @throws SinkException when they cannot be listed
     */
    public static NewIndices existingIn(ElasticsearchClient client, IndexNames names) {
        Request request = new Request("GET", "/" + names.pattern() + "/_alias");
        request.addParameter("allow_no_indices", "true");
        request.addParameter("expand_wildcards", "open,closed");
        try {
            Response response = ElasticsearchClients.restClient(client).performRequest(request);
            JsonNode tree = MAPPER.readTree(response.getEntity().getContent());
            Set<String> existing = new HashSet<>();
            tree.fieldNames().forEachRemaining(existing::add);
            return new NewIndices(existing);
        } catch (ResponseException e) {
            throw new SinkException(
                    "cannot list the indices " + names.pattern() + ": HTTP "
                            + e.getResponse().getStatusLine().getStatusCode()
                            + " (does the user have view_index_metadata on them?)",
                    e);
        } catch (IOException e) {
            throw IndexTemplate.unreachable(e);
        }
    }

    /**
     * A document goes to {@code index}.
     *
     * @return true exactly once per run: when this index is the new one that takes the count past {@link #WARN_AFTER}
     */
    public boolean writingTo(String index) {
        if (existing.contains(index) || seen.contains(index) || !seen.add(index)) {
            return false;
        }
        return created.incrementAndGet() == WARN_AFTER + 1;
    }

    /** How many indices written to so far did not exist before the run. */
    public int count() {
        return created.get();
    }
}
