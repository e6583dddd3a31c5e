package io.monitron.indexer.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads back what the generator wrote, for assertions. */
final class GeneratedCorpus {
    static final ObjectMapper JSON = new ObjectMapper();

    private GeneratedCorpus() {}

    /** Every regular file under {@code root}, by path relative to it (with forward slashes), in name order. */
    static TreeMap<String, Path> files(Path root) {
        TreeMap<String, Path> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile)
                    .forEach(p -> files.put(root.relativize(p).toString().replace('\\', '/'), p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The content of a file, gunzipped when its name ends in {@code .gz}. */
    static byte[] content(Path file) {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(content(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isLogFile(String relativePath) {
        return relativePath.contains("/CloudTrail/");
    }

    /** Every event of every log file of a trail folder, file by file in name order. */
    static List<JsonNode> trailEvents(Path root) {
        List<JsonNode> events = new ArrayList<>();
        files(root).forEach((name, path) -> {
            if (isLogFile(name)) {
                json(path).get("Records").forEach(events::add);
            }
        });
        return events;
    }

    static boolean isMonitron(JsonNode event) {
        return "monitron.amazonaws.com".equals(event.path("eventSource").asText());
    }
}
