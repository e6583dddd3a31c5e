package io.monitron.indexer.bench;

import io.monitron.indexer.model.TrailPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The trail log files of a corpus folder, in a fixed order: what every scan contender reads. Digest and Insights files
 * are left out, as the indexer leaves them out.
 *
 * @param root the corpus folder
 * @param files the log files, sorted by path
 * @param compressedBytes their total size on disk
 */
public record CorpusFiles(Path root, List<Path> files, long compressedBytes) {
    public CorpusFiles {
        files = List.copyOf(files);
    }

    public static CorpusFiles of(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return name.endsWith(".json.gz") || name.endsWith(".json");
                    })
                    .filter(p -> TrailPath.of(p.toString()) == TrailPath.LOG)
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                throw new BenchmarkException("no trail log files (*.json.gz, *.json) under " + root);
            }
            long bytes = 0;
            for (Path file : files) {
                bytes += Files.size(file);
            }
            return new CorpusFiles(root, files, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the corpus " + root, e);
        }
    }
}
