package io.monitron.indexer.samples;

import io.monitron.indexer.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a corpus goes. A folder may hold one corpus of each layout (a trail and a lookup-events file and an EventBridge
 * file, as {@code samples/other-formats} does), never two of the same: a second trail would mix its files and digest
 * chains into the first one's, a second single-file corpus would overwrite it.
 */
final class OutputFolder {

    private OutputFolder() {}

    /**
     * @throws ConfigException if the folder already holds a corpus of the spec's layout
     */
    static void requireNoCorpusOfTheSameLayout(GeneratorSpec spec) {
        Path folder = spec.outputDirectory();
        List<Path> existing =
                switch (spec.format()) {
                    case TRAIL -> nonEmpty(folder.resolve("AWSLogs")) ? List.of(folder.resolve("AWSLogs")) : List.of();
                    case LOOKUP_EVENTS -> existing(folder, LookupEventsOutput.FILE_NAME + ".json");
                    case EVENTBRIDGE -> existing(folder, EventBridgeOutput.FILE_NAME + ".ndjson");
                };
        if (!existing.isEmpty()) {
            throw new ConfigException(folder + " already holds a corpus (" + existing.get(0)
                    + "); generating into it would mix or overwrite it: give a new or empty --out folder, or delete"
                    + " the old corpus first");
        }
    }

    private static List<Path> existing(Path folder, String fileName) {
        return Stream.of(folder.resolve(fileName), folder.resolve(fileName + ".gz"))
                .filter(Files::exists)
                .toList();
    }

    private static boolean nonEmpty(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
