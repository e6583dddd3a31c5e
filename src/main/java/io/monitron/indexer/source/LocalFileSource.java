package io.monitron.indexer.source;

import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.model.Input;
import io.monitron.indexer.port.Listing;
import io.monitron.indexer.port.Source;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

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
    public Stream<Input> inputs(Listing listing) {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(new Walk(roots), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * The roots' inputs, in the roots' order, each folder walked in name order, lazily: a folder is listed only when
     * the walk reaches it, so reading starts at the first file instead of after a listing of the whole tree, and each
     * entry costs one {@code stat}. A root that is a file is read whatever its name.
     */
    private static final class Walk implements Iterator<Input> {
        /** Per open folder, its remaining entries, sorted. */
        private final Deque<Iterator<Path>> open = new ArrayDeque<>();

        private Input next;

        /** The roots not reached yet. */
        private final Iterator<Path> roots;

        Walk(List<Path> roots) {
            this.roots = roots.iterator();
        }

        @Override
        public boolean hasNext() {
            while (next == null && (!open.isEmpty() || roots.hasNext())) {
                if (open.isEmpty()) {
                    Path root = roots.next();
                    if (Files.isDirectory(root)) {
                        open.push(list(root));
                    } else {
                        next = FileInput.of(root);
                    }
                    continue;
                }
                Iterator<Path> entries = open.peek();
                if (!entries.hasNext()) {
                    open.pop();
                    continue;
                }
                Path path = entries.next();
                try {
                    BasicFileAttributes attributes =
                            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isDirectory()) {
                        open.push(list(path));
                        continue;
                    }
                    if (!hasInputName(path)) {
                        continue;
                    }
                    if (attributes.isSymbolicLink()) {
                        // links to files are read; links to folders are not followed
                        attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    }
                    if (attributes.isRegularFile()) {
                        next = new FileInput(
                                path,
                                attributes.size(),
                                attributes.lastModifiedTime().toMillis());
                    }
                } catch (IOException e) {
                    // a dangling link, or an entry removed since its folder was listed: nothing to read
                }
            }
            return next != null;
        }

        @Override
        public Input next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Input input = next;
            next = null;
            return input;
        }

        private static Iterator<Path> list(Path folder) {
            try (Stream<Path> listing = Files.list(folder)) {
                return listing.filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted()
                        .toList()
                        .iterator();
            } catch (IOException e) {
                throw new SourceException("cannot list " + folder + ": " + e.getMessage(), e);
            }
        }
    }

    static boolean hasInputName(Path p) {
        String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".gz") || name.endsWith(".ndjson") || name.endsWith(".jsonl");
    }

    /** Files up to this size (as listed) are read in one go. */
    static final long WHOLE_FILE_LIMIT = 4 * 1024 * 1024;

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
            if (size <= WHOLE_FILE_LIMIT) {
                // one read: the usual trail file is tens of kilobytes, and small reads would each be a system call
                return new ByteArrayInputStream(Files.readAllBytes(path));
            }
            return new BufferedInputStream(Files.newInputStream(path), 64 * 1024);
        }
    }
}
