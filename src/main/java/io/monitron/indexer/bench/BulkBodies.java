package io.monitron.indexer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the indexer's {@code --output} NDJSON (each line a document with {@code _index} and {@code _id} first) into
 * ready-to-send {@code _bulk} bodies of {@code create} actions, cut as the indexer's bulk ingester cuts them: a body
 * is closed once it holds {@code maxActions} documents or reaches {@code maxBytes}.
 */
public final class BulkBodies {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One request body and how many documents it carries. */
    public record Body(byte[] bytes, int documents) {}

    private BulkBodies() {}

    /**
     * @param indexPrefix replaces the prefix of each {@code _index} (everything before the last {@code -}), so the
     *     documents go into a fresh set of indices; null keeps the indices as they are
     */
    public static List<Body> read(Reader ndjson, int maxActions, long maxBytes, String indexPrefix) throws IOException {
        List<Body> bodies = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        int documents = 0;
        BufferedReader lines = new BufferedReader(ndjson, 1 << 16);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            ObjectNode document = (ObjectNode) MAPPER.readTree(line);
            String index = textOf(document.remove("_index"), "_index", line);
            String id = textOf(document.remove("_id"), "_id", line);
            if (indexPrefix != null) {
                index = indexPrefix + index.substring(index.lastIndexOf('-'));
            }
            ObjectNode action = MAPPER.createObjectNode();
            action.putObject("create").put("_index", index).put("_id", id);
            current.write(MAPPER.writeValueAsBytes(action));
            current.write('\n');
            current.write(MAPPER.writeValueAsBytes(document));
            current.write('\n');
            documents++;
            if (documents >= maxActions || current.size() >= maxBytes) {
                bodies.add(new Body(current.toByteArray(), documents));
                current.reset();
                documents = 0;
            }
        }
        if (documents > 0) {
            bodies.add(new Body(current.toByteArray(), documents));
        }
        return bodies;
    }

    private static String textOf(com.fasterxml.jackson.databind.JsonNode node, String field, String line) {
        if (node == null || !node.isTextual()) {
            String start = line.substring(0, Math.min(80, line.length()));
            throw new BenchmarkException("not the indexer's --output format (no " + field + "): " + start);
        }
        return node.asText();
    }

    static String utf8(Body body) {
        return new String(body.bytes(), StandardCharsets.UTF_8);
    }
}
