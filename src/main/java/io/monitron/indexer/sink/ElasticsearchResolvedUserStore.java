package io.monitron.indexer.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.model.DirectoryUser;
import io.monitron.indexer.port.ResolvedUserStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Keeps resolved Identity Center users in the state index ({@code monitron-indexer-state}, which the indexer's role
 * may already write), one document per identity store and user, of scope {@value #SCOPE}, so the next run (from any
 * machine) looks none of them up again. Only names are kept: user id, user name, e-mail, display name.
 *
 * <p>The state store creates that index at the start of a run; should this class write first, it creates the index
 * with the two fields the state store searches on ({@code scope}, {@code partition}) and {@code dynamic: false}, which
 * the state store accepts as it is. Loading pages through the users with {@code search_after}, {@value #PAGE} at a
 * time. Failures are {@link SinkException}s naming the index.
 */
public final class ElasticsearchResolvedUserStore implements ResolvedUserStore {
    public static final String SCOPE = "identity-center-user";
    static final int PAGE = 1000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ClusterRequests requests;
    private final String index;
    private final Clock clock;
    private final int page;
    private volatile boolean indexExists;

    /**
     * @param index the state index ({@code --state-index}, default {@code monitron-indexer-state})
     */
    public ElasticsearchResolvedUserStore(RestClient client, String index, Clock clock) {
        this(client, index, clock, PAGE);
    }

    ElasticsearchResolvedUserStore(RestClient client, String index, Clock clock, int page) {
        this.requests = new ClusterRequests(client, RetryPolicy.DEFAULT);
        this.index = index;
        this.clock = clock;
        this.page = page;
    }

    @Override
    public Map<Key, DirectoryUser> loadAll() {
        Map<Key, DirectoryUser> users = new HashMap<>();
        String after = null;
        while (true) {
            ObjectNode query = MAPPER.createObjectNode();
            query.put("size", page);
            query.putObject("query").putObject("term").put("scope", SCOPE);
            query.putArray("sort").addObject().put("partition", "asc");
            if (after != null) {
                query.putArray("search_after").add(after);
            }
            Request request = new Request("POST", "/" + index + "/_search");
            request.setEntity(new NStringEntity(query.toString(), ContentType.APPLICATION_JSON));
            JsonNode hits;
            try {
                Response response = requests.send(request);
                hits = MAPPER.readTree(response.getEntity().getContent())
                        .path("hits")
                        .path("hits");
            } catch (ResponseException e) {
                if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                    return users; // no state index yet: nobody resolved so far
                }
                throw failure("read the resolved Identity Center users", e);
            } catch (IOException e) {
                throw failure("read the resolved Identity Center users", e);
            }
            indexExists = true;
            for (JsonNode hit : hits) {
                JsonNode user = hit.path("_source").path("user");
                String userId = text(user, "user_id");
                if (userId == null) {
                    continue;
                }
                users.put(
                        new Key(text(user, "identity_store_id"), userId),
                        new DirectoryUser(
                                userId, text(user, "user_name"), text(user, "email"), text(user, "display_name")));
            }
            if (hits.size() < page) {
                return users;
            }
            after = hits.get(hits.size() - 1).path("sort").path(0).asText();
        }
    }

    @Override
    public void save(Key key, DirectoryUser user) {
        ensureIndex();
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("scope", SCOPE);
        doc.put("partition", key.identityStoreId() + "/" + key.userId());
        doc.put("updated", clock.instant().toString());
        ObjectNode out = doc.putObject("user");
        out.put("identity_store_id", key.identityStoreId());
        out.put("user_id", user.userId());
        putText(out, "user_name", user.userName());
        putText(out, "email", user.email());
        putText(out, "display_name", user.displayName());
        Request request = new Request("PUT", "/" + index + "/_doc/" + id(key));
        request.setEntity(new NStringEntity(doc.toString(), ContentType.APPLICATION_JSON));
        try {
            requests.send(request);
        } catch (IOException e) {
            throw failure("keep a resolved Identity Center user", e);
        }
    }

    private void ensureIndex() {
        if (indexExists) {
            return;
        }
        ObjectNode body = ElasticsearchStateStore.indexBody(); // the state index, as the state store makes it
        Request request = new Request("PUT", "/" + index);
        request.setEntity(new NStringEntity(body.toString(), ContentType.APPLICATION_JSON));
        try {
            requests.send(request);
        } catch (ResponseException e) {
            if (!ClusterRequests.responseBody(e).contains("resource_already_exists_exception")) {
                throw failure("create the state index", e);
            }
        } catch (IOException e) {
            throw failure("create the state index", e);
        }
        indexExists = true;
    }

    /** The document id: a prefix that no state document has, and a hash that any key fits in. */
    static String id(Key key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((key.identityStoreId() + "\n" + key.userId()).getBytes(StandardCharsets.UTF_8));
            return SCOPE + "-" + HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private SinkException failure(String what, IOException e) {
        return new SinkException(
                "cannot " + what + " in Elasticsearch index " + index + ": " + ClusterRequests.describe(e), e);
    }
}
