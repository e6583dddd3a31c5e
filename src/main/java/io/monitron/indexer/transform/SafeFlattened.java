package io.monitron.indexer.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Copies a request or response object into a shape an Elasticsearch {@code flattened} field always accepts, whatever
 * the caller sent:
 *
 * <ul>
 *   <li>objects nested deeper than {@link #DEPTH_LIMIT} (the field's {@code depth_limit}; the top object is depth 1,
 *       arrays do not count) are replaced by their JSON text;
 *   <li>dots (and NUL characters) in keys become {@code _}: a flattened field cannot tell {@code {"a.b":1}} from
 *       {@code {"a":{"b":1}}}, and keys are joined with dots in its terms;
 *   <li>empty or blank keys become {@code _empty};
 *   <li>keys longer than {@link #MAX_KEY_LENGTH} characters are cut, with {@code _} and 16 hex digits of the full
 *       key's SHA-256 appended so different long keys stay different;
 *   <li>a key that becomes equal to one already written gets {@code _2}, {@code _3} ... appended;
 *   <li>long leaf values are left alone ({@code ignore_above} keeps them out of the index), except that a value short
 *       enough to be indexed whose term (key path + value, in UTF-8) would pass Lucene's 32766-byte limit is cut.
 * </ul>
 *
 * An array becomes {@code {"_value": [...]}}; a string, number, boolean or null has no flattened copy.
 */
final class SafeFlattened {
    static final int DEPTH_LIMIT = 20;
    static final int MAX_KEY_LENGTH = 256;
    static final String EMPTY_KEY = "_empty";
    static final String ARRAY_KEY = "_value";

    /** The mapping's {@code ignore_above}: longer leaves are not indexed, so they cannot make a term too long. */
    static final int IGNORE_ABOVE = 8191;

    private static final int MAX_TERM_BYTES = 32766;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SafeFlattened() {}

    /** The safe copy, or {@code null} when the value is not an object or array. */
    static ObjectNode copyOf(JsonNode value) {
        if (value instanceof ObjectNode object) {
            return copyObject(object, 1, 0);
        }
        if (value instanceof ArrayNode array) {
            ObjectNode wrapper = NODES.objectNode();
            wrapper.set(ARRAY_KEY, copyArray(array, 1, ARRAY_KEY.length()));
            return wrapper;
        }
        return null;
    }

    /**
     * @param depth the depth of {@code in} itself
     * @param pathChars the length of the dotted key path leading to {@code in}
     */
    private static ObjectNode copyObject(ObjectNode in, int depth, int pathChars) {
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : in.properties()) {
            String key = safeKey(field.getKey());
            if (out.has(key)) {
                key = unique(out, key);
            }
            int childPath = pathChars == 0 ? key.length() : pathChars + 1 + key.length();
            out.set(key, copyValue(field.getValue(), depth, childPath));
        }
        return out;
    }

    /** {@code value} sits inside an object at {@code depth}, under the key path of {@code pathChars} characters. */
    private static JsonNode copyValue(JsonNode value, int depth, int pathChars) {
        if (value instanceof ObjectNode object) {
            if (depth + 1 > DEPTH_LIMIT) {
                return leaf(JsonText.of(object), pathChars);
            }
            return copyObject(object, depth + 1, pathChars);
        }
        if (value instanceof ArrayNode array) {
            return copyArray(array, depth, pathChars);
        }
        if (value.isTextual()) {
            String text = value.textValue();
            String safe = fitTerm(text, pathChars);
            return safe == text ? value : TextNode.valueOf(safe);
        }
        return value;
    }

    private static ArrayNode copyArray(ArrayNode in, int depth, int pathChars) {
        ArrayNode out = NODES.arrayNode(in.size());
        for (JsonNode element : in) {
            out.add(copyValue(element, depth, pathChars));
        }
        return out;
    }

    private static TextNode leaf(String text, int pathChars) {
        return TextNode.valueOf(fitTerm(text, pathChars));
    }

    /**
     * The flattened field indexes {@code path + '\0' + value} as one term. Only values short enough to be indexed
     * matter; the exact UTF-8 size is computed only when a cheap upper bound (3 bytes a char) passes the limit.
     */
    static String fitTerm(String value, int pathChars) {
        if (value.length() > IGNORE_ABOVE) {
            return value;
        }
        long bound = 3L * pathChars + 1 + 3L * value.length();
        if (bound <= MAX_TERM_BYTES) {
            return value;
        }
        // the path is at most 3 bytes a char; keep what fits after it
        int budget = MAX_TERM_BYTES - 1 - 3 * pathChars;
        if (utf8Length(value) <= budget) {
            return value;
        }
        int end = 0;
        int bytes = 0;
        while (end < value.length()) {
            int cp = value.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return value.substring(0, end);
    }

    private static int utf8Length(String value) {
        int bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    static String safeKey(String key) {
        if (key.isBlank()) {
            return EMPTY_KEY;
        }
        String safe = key;
        if (key.indexOf('.') >= 0 || key.indexOf('\0') >= 0) {
            safe = key.replace('.', '_').replace('\0', '_');
        }
        if (safe.length() > MAX_KEY_LENGTH) {
            int cut = MAX_KEY_LENGTH - 17;
            if (Character.isHighSurrogate(safe.charAt(cut - 1))) {
                cut--; // never split a surrogate pair
            }
            safe = safe.substring(0, cut) + '_' + shortHash(key);
        }
        return safe;
    }

    private static String unique(ObjectNode out, String key) {
        for (int n = 2; ; n++) {
            String candidate = key + '_' + n;
            if (!out.has(candidate)) {
                return candidate;
            }
        }
    }

    private static String shortHash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
