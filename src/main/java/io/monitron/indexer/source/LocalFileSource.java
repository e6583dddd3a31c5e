package io.monitron.indexer.source;

import io.monitron.indexer.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * Files and folders on disk, folders walked recursively in name order. A file named on the command line is always
 * read; in a folder, only files whose names end in {@code .json}, {@code .gz}, {@code .ndjson} or {@code .jsonl} (any
 * case) are read, so READMEs and other files beside a trail copy are not mistaken for input. Hidden files and folders
 * (names starting with a dot) are left out. The walk does not follow links to folders.
 */
public final class LocalFileSource implements Source {
    private final List<Path> roots;

    public LocalFileSource(List<Path> roots) {
        if (roots.isEmpty()) {
            throw new ConfigException("no input: give --path (a file or folder), --s3 or --lookup-events");
        }
        for (Path root : roots) {
            if (!Files.exists(root)) {
                throw new ConfigException("--path " + root + " does not exist");
            }
        }
        this.roots = List.copyOf(roots);
    }

    @Override
    public Stream<Input> inputs() {
        return roots.stream().flatMap(LocalFileSource::walk);
    }

    @Override
    public String describe() {
        return roots.toString();
    }

    private static Stream<Input> walk(Path root) {
        try {
            if (Files.isRegularFile(root)) {
                return Stream.of(FileInput.of(root));
            }
            return Files.walk(root)
                    .filter(p -> !isHidden(root, p))
                    .filter(Files::isRegularFile)
                    .filter(LocalFileSource::hasInputName)
                    .sorted()
                    .map(FileInput::of);
        } catch (IOException e) {
            throw new SourceException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    static boolean hasInputName(Path p) {
        String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".gz") || name.endsWith(".ndjson") || name.endsWith(".jsonl");
    }

    private static boolean isHidden(Path root, Path p) {
        Path relative = root.relativize(p);
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** One file; its version is its size and modification time. */
    record FileInput(Path path, long size, long modifiedMillis) implements Input {
        static FileInput of(Path path) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                return new FileInput(
                        path, attributes.size(), attributes.lastModifiedTime().toMillis());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String location() {
            return path.toString();
        }

        @Override
        public String stateKey() {
            return path.toAbsolutePath().normalize().toString();
        }

        @Override
        public String version() {
            return size + "@" + modifiedMillis;
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }
    }
}
