package io.monitron.indexer.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The Monitron saved objects ({@code kibana/monitron.ndjson}) packaged in the jar. */
public final class BundledSavedObjects {

    /** The classpath location the build packages {@code kibana/monitron.ndjson} under. */
    public static final String RESOURCE = "/kibana/monitron.ndjson";

    /** The data view over the events indices; its pattern follows {@code --index-prefix}. */
    public static final String EVENTS_DATA_VIEW = "monitron-cloudtrail";

    /** The data view over the estate index; its pattern is the estate index's name ({@code --estate-index}). */
    public static final String ESTATE_DATA_VIEW = "monitron-estate";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BundledSavedObjects() {}

    /**
     * Opens the bundled NDJSON; the caller closes the stream.
     *
     * @throws IllegalStateException when the jar was built without it
     */
    public static InputStream open() {
        InputStream stream = BundledSavedObjects.class.getResourceAsStream(RESOURCE);
        if (stream == null) {
            throw new IllegalStateException("the saved objects resource " + RESOURCE
                    + " is missing from the classpath; rebuild the jar or import kibana/monitron.ndjson by path");
        }
        return stream;
    }

    /**
     * The bundled NDJSON with the index pattern ({@code attributes.title}) of some data views replaced, e.g. {@code
     * X-*} for {@code setup --index-prefix X}: an import with overwrite then sets that pattern every time, instead of
     * resetting it to the default. Every other line is passed on as it is.
     *
     * @param patternByDataViewId the pattern for each data view id to change
     * @throws IllegalArgumentException when a data view id is not in the file
     */
    public static byte[] withDataViewPatterns(Map<String, String> patternByDataViewId) {
        String ndjson;
        try (InputStream in = open()) {
            ndjson = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the saved objects resource " + RESOURCE, e);
        }
        return withDataViewPatterns(ndjson, patternByDataViewId).getBytes(StandardCharsets.UTF_8);
    }

    static String withDataViewPatterns(String ndjson, Map<String, String> patternByDataViewId) {
        StringBuilder out = new StringBuilder(ndjson.length() + 64);
        int replaced = 0;
        for (String line : ndjson.split("\n", -1)) {
            if (line.isBlank()) {
                out.append(line).append('\n');
                continue;
            }
            JsonNode object = read(line);
            String pattern = patternByDataViewId.get(object.path("id").asText());
            if (object.path("type").asText().equals("index-pattern") && pattern != null) {
                ((ObjectNode) object.path("attributes")).put("title", pattern);
                line = object.toString();
                replaced++;
            }
            out.append(line).append('\n');
        }
        if (replaced != patternByDataViewId.size()) {
            throw new IllegalArgumentException(
                    "the saved objects do not hold every data view of " + patternByDataViewId.keySet());
        }
        // split with -1 leaves an empty last piece after the final newline: do not add a second one
        return out.substring(0, out.length() - 1);
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the saved objects resource " + RESOURCE + " holds a line that is not JSON", e);
        }
    }
}
