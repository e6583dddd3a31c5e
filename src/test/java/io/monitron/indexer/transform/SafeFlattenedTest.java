package io.monitron.indexer.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeFlattenedTest {

    /** Object depth as a flattened field counts it: the top object is 1, arrays do not add a level. */
    static int objectDepth(JsonNode node) {
        if (node.isObject()) {
            int deepest = 0;
            for (JsonNode child : node) {
                deepest = Math.max(deepest, objectDepth(child));
            }
            return 1 + deepest;
        }
        if (node.isArray()) {
            int deepest = 0;
            for (JsonNode child : node) {
                deepest = Math.max(deepest, objectDepth(child));
            }
            return deepest;
        }
        return 0;
    }

    private static ObjectNode nested(int levels) {
        ObjectNode root = TestEvents.JSON.createObjectNode();
        ObjectNode node = root;
        for (int level = 1; level < levels; level++) {
            node = node.putObject("l" + level);
        }
        node.put("leaf", "v");
        return root;
    }

    @Test
    void objectsAtTheDepthLimitAreKept() {
        ObjectNode twenty = nested(SafeFlattened.DEPTH_LIMIT);

        ObjectNode copy = SafeFlattened.copyOf(twenty);

        assertThat(copy).isEqualTo(twenty);
        assertThat(objectDepth(copy)).isEqualTo(SafeFlattened.DEPTH_LIMIT);
    }

    @Test
    void objectsDeeperThanTheLimitBecomeTheirJsonText() {
        ObjectNode fifty = nested(50);

        ObjectNode copy = SafeFlattened.copyOf(fifty);

        assertThat(objectDepth(copy)).isEqualTo(SafeFlattened.DEPTH_LIMIT);
        JsonNode cut = copy;
        for (int level = 1; level < SafeFlattened.DEPTH_LIMIT; level++) {
            cut = cut.get("l" + level);
        }
        JsonNode replaced = cut.get("l" + SafeFlattened.DEPTH_LIMIT);
        assertThat(replaced.isTextual()).isTrue();
        assertThat(TestEvents.parse(replaced.textValue())).isEqualTo(fifty.at(pointerTo(SafeFlattened.DEPTH_LIMIT)));
    }

    @Test
    void objectsInsideArraysCountTowardsTheDepth() {
        ObjectNode root = TestEvents.JSON.createObjectNode();
        ObjectNode node = root;
        for (int level = 1; level < 40; level++) {
            node = node.putArray("items").addArray().addObject();
        }

        assertThat(objectDepth(SafeFlattened.copyOf(root))).isLessThanOrEqualTo(SafeFlattened.DEPTH_LIMIT);
    }

    private static String pointerTo(int level) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 1; i <= level; i++) {
            pointer.append("/l").append(i);
        }
        return pointer.toString();
    }

    @Test
    void dotsInKeysBecomeUnderscores() {
        ObjectNode copy = SafeFlattened.copyOf(TestEvents.parse("{\"a.b\":{\"c.d.e\":1}}"));

        assertThat(copy).isEqualTo(TestEvents.parse("{\"a_b\":{\"c_d_e\":1}}"));
    }

    @Test
    void emptyAndBlankKeysAreRenamedAndKeptApart() {
        ObjectNode copy = SafeFlattened.copyOf(TestEvents.parse("{\"\":1,\" \":2,\"_empty\":3}"));

        assertThat(copy.get("_empty").asInt()).isEqualTo(1);
        assertThat(copy.get("_empty_2").asInt()).isEqualTo(2);
        assertThat(copy.get("_empty_3").asInt()).isEqualTo(3);
    }

    @Test
    void keysThatCollideAfterRenamingAreAllKept() {
        ObjectNode copy = SafeFlattened.copyOf(TestEvents.parse("{\"a.b\":1,\"a_b\":2}"));

        assertThat(copy.size()).isEqualTo(2);
        assertThat(copy.get("a_b").asInt()).isEqualTo(1);
        assertThat(copy.get("a_b_2").asInt()).isEqualTo(2);
    }

    @Test
    void veryLongKeysAreCutWithAHashThatKeepsThemApart() {
        String longA = "k".repeat(1000) + "A";
        String longB = "k".repeat(1000) + "B";
        ObjectNode in = TestEvents.JSON.createObjectNode();
        in.put(longA, "a");
        in.put(longB, "b");

        ObjectNode copy = SafeFlattened.copyOf(in);

        List<String> keys = new ArrayList<>();
        copy.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).hasSize(2).allSatisfy(key -> assertThat(key.length()).isEqualTo(SafeFlattened.MAX_KEY_LENGTH));
        assertThat(keys.get(0)).isNotEqualTo(keys.get(1));
        assertThat(SafeFlattened.safeKey(longA))
                .as("the same key is cut the same way")
                .isEqualTo(keys.get(0));
    }

    @Test
    void longLeafValuesAreLeftForIgnoreAbove() {
        String big = "v".repeat(100_000);
        ObjectNode copy =
                SafeFlattened.copyOf(TestEvents.JSON.createObjectNode().put("blob", big));

        assertThat(copy.get("blob").textValue()).isEqualTo(big);
    }

    @Test
    void indexableValueWhoseTermWouldPassLuceneLimitIsCut() {
        // 12 keys of about 250 three-byte characters plus 8191 three-byte characters: under ignore_above, but the term
        // (path + NUL + value) is about 33,800 bytes; Elasticsearch 8.19 refuses such a document (checked by hand)
        String key = "\u20ac".repeat(250);
        String value = "\u20ac".repeat(SafeFlattened.IGNORE_ABOVE);
        ObjectNode in = TestEvents.JSON.createObjectNode();
        ObjectNode node = in;
        List<String> path = new ArrayList<>();
        for (int level = 0; level < 11; level++) {
            path.add(key + level);
            node = node.putObject(key + level);
        }
        path.add(key);
        node.put(key, value);

        JsonNode copy = SafeFlattened.copyOf(in);

        JsonNode kept = copy;
        for (String part : path) {
            kept = kept.get(part);
        }
        int termBytes = utf8(String.join(".", path)) + 1 + utf8(kept.textValue());
        assertThat(termBytes).isLessThanOrEqualTo(32766);
        assertThat(value).startsWith(kept.textValue());
        assertThat(kept.textValue().length()).as("cut no more than needed").isGreaterThan(7000);
    }

    private static int utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    @Test
    void arraysAreWrappedAndScalarsHaveNoCopy() {
        assertThat(SafeFlattened.copyOf(TestEvents.parse("{\"x\":[1,2]}").get("x")))
                .isEqualTo(TestEvents.parse("{\"_value\":[1,2]}"));
        assertThat(SafeFlattened.copyOf(TestEvents.JSON.getNodeFactory().textNode("x")))
                .isNull();
        assertThat(SafeFlattened.copyOf(TestEvents.JSON.getNodeFactory().numberNode(1)))
                .isNull();
        assertThat(SafeFlattened.copyOf(TestEvents.JSON.getNodeFactory().nullNode()))
                .isNull();
    }

    @Test
    void ordinaryObjectsAreCopiedUnchanged() {
        ObjectNode in = TestEvents.parse(
                "{\"projectName\":\"p\",\"tags\":{\"env\":\"prod\"},\"ids\":[\"a\",\"b\"],\"n\":3,\"ok\":true,\"none\":null}");

        assertThat(SafeFlattened.copyOf(in)).isEqualTo(in);
        assertThat(in.properties()).extracting(Map.Entry::getKey).contains("projectName");
    }
}
