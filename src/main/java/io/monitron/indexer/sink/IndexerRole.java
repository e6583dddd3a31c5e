package io.monitron.indexer.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * The least-privilege role of the user that runs {@code index}, defined once in {@code indexer-role.json} on the
 * classpath: the cluster {@code monitor} privilege (the health check and reading the index template), and on the data
 * indices and the state index only what a run does there. {@code setup --create-indexer-user} sends it to the security
 * API; the integration test loads the same definition into the file realm.
 *
 * <p>The resource names the default indices ({@value #DEFAULT_DATA_PATTERN} and {@value #DEFAULT_STATE_INDEX});
 * {@link #bundled} replaces them with the configured ones, so a role made for another prefix grants nothing on the
 * default indices.
 */
public final class IndexerRole {
    public static final String DEFAULT_NAME = "monitron_indexer";
    public static final String RESOURCE = "/indexer-role.json";
    static final String DEFAULT_DATA_PATTERN = IndexNames.DEFAULT_PREFIX + "-*";
    static final String DEFAULT_STATE_INDEX = "monitron-indexer-state";
    static final String DEFAULT_ESTATE_INDEX = "monitron-estate";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,254}");

    private final ObjectNode body;

    private IndexerRole(ObjectNode body) {
        this.body = body;
    }

    /**
     * The bundled role for these data indices and this state index.
     *
     * @throws ConfigException when the state index is not a valid index name
     */
    public static IndexerRole bundled(IndexNames names, String stateIndex) {
        return bundled(names, stateIndex, DEFAULT_ESTATE_INDEX);
    }

    /** The bundled role for these data indices, this state index and this estate index. */
    public static IndexerRole bundled(IndexNames names, String stateIndex, String estateIndex) {
        if (!INDEX_NAME.matcher(stateIndex).matches()) {
            throw new ConfigException("--state-index must be a lowercase index name: " + stateIndex);
        }
        ObjectNode body = load();
        boolean data = false;
        boolean state = false;
        for (JsonNode entry : body.path("indices")) {
            ArrayNode entryNames = (ArrayNode) entry.path("names");
            for (int i = 0; i < entryNames.size(); i++) {
                String name = entryNames.get(i).asText();
                if (name.equals(DEFAULT_DATA_PATTERN)) {
                    entryNames.set(i, names.pattern());
                    data = true;
                } else if (name.equals(DEFAULT_STATE_INDEX)) {
                    entryNames.set(i, stateIndex);
                    state = true;
                } else if (name.equals(DEFAULT_ESTATE_INDEX)) {
                    entryNames.set(i, estateIndex);
                }
            }
        }
        if (!data || !state) {
            // the resource is part of the build: a broken one is a build bug, not a user error
            throw new IllegalStateException(RESOURCE + " must grant on " + DEFAULT_DATA_PATTERN + " and "
                    + DEFAULT_STATE_INDEX + "; it was edited without updating " + IndexerRole.class.getName());
        }
        return new IndexerRole(body);
    }

    private static ObjectNode load() {
        try (InputStream in = IndexerRole.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of {@code PUT /_security/role/<name>}; a copy. */
    public ObjectNode body() {
        return body.deepCopy();
    }

    /** The body as JSON text. */
    public String json() {
        return body.toString();
    }
}
