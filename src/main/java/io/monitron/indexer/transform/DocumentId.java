package io.monitron.indexer.transform;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * The document id: the event's {@code eventID} when it has a usable one, else the hex SHA-256 of the event's
 * canonical JSON (object keys sorted at every level, no white space), so re-reading the same event always produces
 * the same id and indexing stays idempotent.
 */
final class DocumentId {
    /** Longer ids are hashed instead: Elasticsearch refuses {@code _id} values over 512 bytes. */
    static final int MAX_EVENT_ID_LENGTH = 512;

    private DocumentId() {}

    static String of(ObjectNode event) {
        JsonNode eventId = event.get("eventID");
        if (eventId != null && eventId.isTextual()) {
            String id = eventId.textValue();
            if (!id.isBlank() && id.length() <= MAX_EVENT_ID_LENGTH && fitsIdLimit(id)) {
                return id;
            }
        }
        return canonicalHash(event);
    }

    static String canonicalHash(JsonNode node) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
        try (JsonGenerator out = JsonText.MAPPER
                .getFactory()
                .createGenerator(new DigestOutputStream(OutputStream.nullOutputStream(), digest))) {
            writeCanonical(node, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a digest cannot fail", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void writeCanonical(JsonNode node, JsonGenerator out) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            out.writeStartObject();
            for (String name : names) {
                out.writeFieldName(name);
                writeCanonical(node.get(name), out);
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode element : node) {
                writeCanonical(element, out);
            }
            out.writeEndArray();
        } else {
            JsonText.MAPPER.writeTree(out, node);
        }
    }

    /** Elasticsearch counts the id's UTF-8 bytes; only a non-ASCII id can pass 512 bytes within 512 characters. */
    private static boolean fitsIdLimit(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) >= 0x80) {
                return id.getBytes(StandardCharsets.UTF_8).length <= MAX_EVENT_ID_LENGTH;
            }
        }
        return true;
    }
}
