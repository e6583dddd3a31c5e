package io.monitron.indexer.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What one CLI run left behind: exit code, standard output and error, and the files it wrote.
 *
 * @param summaryJson the {@code --summary-json} file, or null
 * @param deadLetter the {@code --dead-letter} file or folder, or null
 */
record CliResult(int exitCode, String out, String err, Path summaryJson, Path deadLetter) {

    JsonNode summary() {
        try {
            return Events.JSON.readTree(Files.readString(summaryJson));
        } catch (IOException e) {
            throw new UncheckedIOException("no summary at " + summaryJson + "; stderr:\n" + err, e);
        }
    }

    long events(String figure) {
        return summary().path("events").path(figure).asLong();
    }

    long files(String figure) {
        return summary().path("files").path(figure).asLong();
    }

    /** Every entry of every dead-letter file this run could have written. */
    List<JsonNode> deadLetters() {
        List<JsonNode> entries = new ArrayList<>();
        if (deadLetter == null || !Files.exists(deadLetter)) {
            return entries;
        }
        try (Stream<Path> files = Files.isDirectory(deadLetter) ? Files.list(deadLetter) : Stream.of(deadLetter)) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        entries.add(Events.JSON.readTree(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Output and error together, for assertion messages. */
    String transcript() {
        return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
    }
}
