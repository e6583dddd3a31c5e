package io.monitron.indexer.local;

import io.monitron.indexer.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * An unpacked Elasticsearch distribution to run the local node from: by default the one the build unpacks for the
 * integration tests, {@code target/es-dist/elasticsearch-<version>}.
 */
public record Distribution(Path home, String version) {

    static final Path BUILD_FOLDER = Path.of("target", "es-dist");
    static final String FETCH_COMMAND = "./mvnw -B -q dependency:unpack@unpack-elasticsearch";

    /** The distribution at {@code home}, which must hold {@code bin/elasticsearch}. */
    public static Distribution at(Path home) {
        Path absolute = home.toAbsolutePath().normalize();
        if (!Files.isExecutable(absolute.resolve("bin/elasticsearch"))) {
            throw new ConfigException("no Elasticsearch distribution at " + absolute + " (no bin/elasticsearch)");
        }
        String name = absolute.getFileName().toString();
        String version = name.startsWith("elasticsearch-") ? name.substring("elasticsearch-".length()) : "unknown";
        return new Distribution(absolute, version);
    }

    /** The one distribution the build unpacked under {@code target/es-dist} (relative to the working folder). */
    public static Distribution unpackedByTheBuild() {
        List<Path> found;
        try (Stream<Path> children = Files.isDirectory(BUILD_FOLDER) ? Files.list(BUILD_FOLDER) : Stream.empty()) {
            found = children.filter(path -> path.getFileName().toString().startsWith("elasticsearch-"))
                    .filter(path -> Files.isExecutable(path.resolve("bin/elasticsearch")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + BUILD_FOLDER, e);
        }
        if (found.isEmpty()) {
            throw new ConfigException("no Elasticsearch distribution in " + BUILD_FOLDER.toAbsolutePath()
                    + ": from the repository root, fetch it with `" + FETCH_COMMAND
                    + "` (or give --distribution DIR)");
        }
        if (found.size() > 1) {
            throw new ConfigException("several Elasticsearch distributions in " + BUILD_FOLDER.toAbsolutePath() + " "
                    + found.stream().map(p -> p.getFileName().toString()).toList()
                    + ": give --distribution DIR");
        }
        return at(found.get(0));
    }
}
