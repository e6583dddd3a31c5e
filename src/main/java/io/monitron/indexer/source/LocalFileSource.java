package io.monitron.indexer.source;

import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.config.IoFailure;
import io.monitron.indexer.model.Input;
import io.monitron.indexer.port.Listing;
import io.monitron.indexer.port.PassOver;
import io.monitron.indexer.port.Source;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and folders on disk, folders walked recursively in name order. A file named on the command line is always
 * read; in a folder, only files whose names end in {@code .json}, {@code .gz}, {@code .ndjson} or {@code .jsonl} (any
 * case) are read, so READMEs and other files beside a trail copy are not mistaken for input. Hidden files and folders
 * (names starting with a dot) are left out. The walk does not follow links to folders.
 *
 * <p>Only regular files are ever opened: a FIFO would block the reader, a device never ends. What is not read is told
 * to the {@link Listing}: names that are not an input's, FIFOs, sockets, devices, links to folders or leading nowhere
 * (named on the command line or found in a folder), folders that cannot be listed (with a warning giving the reason;
 * the rest of the tree is still read), and the run's own dead-letter place when it lies inside an input folder (its
 * entries would be read back and dead-lettered again on every run). Named on the command line, a dead-letter file or
 * folder is read: that is how dead letters are re-driven.
 */
public final class LocalFileSource implements Source {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFileSource.class);

    /** Lists a folder's entries; replaceable in tests, where permissions do not stop root. */
    @FunctionalInterface
    interface Folders {
        Stream<Path> list(Path folder) throws IOException;
    }

    private final List<Path> roots;
    private final Optional<DeadLetterPlace> ownDeadLetters;
    private final Folders folders;

    /** The files and folders in {@code roots}, with no dead-letter place to leave out. */
    public LocalFileSource(List<Path> roots) {
        this(roots, Optional.empty());
    }

    /**
     * @param roots files and folders named on the command line
     * @param deadLetterPlace the run's dead-letter file or folder ({@code --dead-letter}), which need not exist yet: left
     *     out when found inside a folder of {@code roots}
     * @throws ConfigException when there is no root, or a root does not exist
     */
    public LocalFileSource(List<Path> roots, Optional<Path> deadLetterPlace) {
        this(roots, deadLetterPlace, Files::list);
    }

    LocalFileSource(List<Path> roots, Optional<Path> deadLetterPlace, Folders folders) {
        if (roots.isEmpty()) {
            throw new ConfigException("no input: give --path (a file or folder), --s3 or --lookup-events");
        }
        for (Path root : roots) {
            if (!Files.exists(root)) {
                throw new ConfigException(
                        Files.isSymbolicLink(root)
                                ? "--path " + root + " is a link that leads nowhere (its target is missing, or links"
                                        + " lead round in a loop)"
                                : "--path " + root + " does not exist");
            }
        }
        this.roots = List.copyOf(roots);
        this.ownDeadLetters = deadLetterPlace.map(DeadLetterPlace::of);
        this.folders = folders;
    }

    @Override
    public Stream<Input> inputs(Listing listing) {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(
                        new Walk(roots, listing, ownDeadLetters, folders), Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    /**
     * The dead-letter file or folder, as an absolute path and, when it exists, as the file it really is (an input
     * folder may reach it through a link). Compared by name first, so the walk pays for nothing else on other entries.
     */
    private record DeadLetterPlace(Path absolute, Optional<Path> real, String name) {
        static DeadLetterPlace of(Path place) {
            Path absolute = place.toAbsolutePath().normalize();
            Optional<Path> real;
            try {
                real = Optional.of(absolute.toRealPath());
            } catch (IOException e) {
                real = Optional.empty(); // created on the first dead letter: compared by its absolute path alone
            }
            Path fileName = absolute.getFileName();
            return new DeadLetterPlace(absolute, real, fileName == null ? "" : fileName.toString());
        }

        boolean is(Path entry) {
            if (!entry.getFileName().toString().equals(name)) {
                return false;
            }
            Path absolute = entry.toAbsolutePath().normalize();
            if (absolute.equals(this.absolute)) {
                return true;
            }
            if (real.isEmpty()) {
                return false;
            }
            try {
                return absolute.toRealPath().equals(real.get());
            } catch (IOException e) {
                return false;
            }
        }
    }

    /**
     * The roots' inputs, in the roots' order, each folder walked in name order, lazily: a folder is listed only when
     * the walk reaches it, so reading starts at the first file instead of after a listing of the whole tree, and each
     * entry costs one {@code stat} (two for a link). A root that is a regular file is read whatever its name.
     */
    private static final class Walk implements Iterator<Input> {
        /** Per open folder, its remaining entries, sorted. */
        private final Deque<Iterator<Path>> open = new ArrayDeque<>();

        private final Listing listing;
        private final Optional<DeadLetterPlace> ownDeadLetters;
        private final Folders folders;
        private Input next;
        /** Why the last {@link #list} failed. */
        private String lastListingFailure;

        /** The roots not reached yet. */
        private final Iterator<Path> roots;

        Walk(List<Path> roots, Listing listing, Optional<DeadLetterPlace> ownDeadLetters, Folders folders) {
            this.roots = roots.iterator();
            this.listing = listing;
            this.ownDeadLetters = ownDeadLetters;
            this.folders = folders;
        }

        @Override
        public boolean hasNext() {
            while (next == null && (!open.isEmpty() || roots.hasNext())) {
                if (open.isEmpty()) {
                    root(roots.next());
                    continue;
                }
                Iterator<Path> entries = open.peek();
                if (!entries.hasNext()) {
                    open.pop();
                    continue;
                }
                entry(entries.next());
            }
            return next != null;
        }

        /** A file or folder named on the command line: read whatever its name, if it is a file at all. */
        private void root(Path root) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(root, BasicFileAttributes.class);
            } catch (IOException e) {
                if (Files.isSymbolicLink(root)) {
                    listing.passedOver(root.toString(), PassOver.NOT_A_REGULAR_FILE); // a link leading nowhere
                    return;
                }
                // gone or unreadable since the run began: handed over, so its failure to open is reported and counted
                next = new FileInput(root, -1, 0);
                return;
            }
            if (attributes.isDirectory()) {
                Iterator<Path> entries = list(root);
                if (entries == null) {
                    throw new SourceException("cannot list --path " + root + ": " + lastListingFailure);
                }
                open.push(entries);
            } else if (attributes.isRegularFile()) {
                next = FileInput.of(root, attributes);
            } else {
                listing.passedOver(root.toString(), PassOver.NOT_A_REGULAR_FILE);
            }
        }

        /** An entry of a folder being walked. */
        private void entry(Path path) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return; // removed since its folder was listed: nothing to read
            } catch (IOException e) {
                // listed but not looked at (a folder readable but not searchable): what its name says it is
                if (hasInputName(path)) {
                    next = new FileInput(path, -1, 0); // its failure to open is reported and counted by the run
                } else {
                    listing.passedOver(path.toString(), PassOver.NOT_AN_INPUT_NAME);
                }
                return;
            }
            if (ownDeadLetters.isPresent() && ownDeadLetters.get().is(path)) {
                listing.passedOver(path.toString(), PassOver.OWN_DEAD_LETTERS);
                return;
            }
            if (attributes.isDirectory()) {
                Iterator<Path> entries = list(path);
                if (entries == null) {
                    LOG.warn("cannot list the folder {}: {}; its files are not read", path, lastListingFailure);
                    listing.passedOver(path.toString(), PassOver.UNREADABLE_FOLDER);
                } else {
                    open.push(entries);
                }
                return;
            }
            if (!hasInputName(path)) {
                listing.passedOver(path.toString(), PassOver.NOT_AN_INPUT_NAME);
                return;
            }
            if (attributes.isSymbolicLink()) {
                // links to files are read; links to folders are not followed, links leading nowhere cannot be
                try {
                    attributes = Files.readAttributes(path, BasicFileAttributes.class);
                } catch (IOException e) {
                    listing.passedOver(path.toString(), PassOver.NOT_A_REGULAR_FILE);
                    return;
                }
            }
            if (attributes.isRegularFile()) {
                next = FileInput.of(path, attributes);
            } else {
                listing.passedOver(path.toString(), PassOver.NOT_A_REGULAR_FILE);
            }
        }

        /** The folder's entries, sorted, hidden ones left out; null when it cannot be listed. */
        private Iterator<Path> list(Path folder) {
            try (Stream<Path> listing = folders.list(folder)) {
                return listing.filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted()
                        .toList()
                        .iterator();
            } catch (IOException e) {
                lastListingFailure = IoFailure.describe(e);
                return null;
            } catch (java.io.UncheckedIOException e) {
                // an entry that could not be read while listing
                lastListingFailure = IoFailure.describe(e.getCause());
                return null;
            }
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
    }

    static boolean hasInputName(Path p) {
        String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".gz") || name.endsWith(".ndjson") || name.endsWith(".jsonl");
    }

    /** Files up to this size (as listed) are read in one go. */
    static final long WHOLE_FILE_LIMIT = 4 * 1024 * 1024;

    /** One file; its version is its size and modification time; size -1 when it could not be looked at. */
    record FileInput(Path path, long size, long modifiedMillis) implements Input {
        static FileInput of(Path path, BasicFileAttributes attributes) {
            return new FileInput(
                    path, attributes.size(), attributes.lastModifiedTime().toMillis());
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
            return size < 0 ? "" : size + "@" + modifiedMillis;
        }

        @Override
        public InputStream open() throws IOException {
            InputStream in = Files.newInputStream(path);
            if (size < 0 || size > WHOLE_FILE_LIMIT) {
                return new BufferedInputStream(in, 64 * 1024);
            }
            // one read: the usual trail file is tens of kilobytes, and small reads would each be a system call; a file
            // that has grown since it was listed is streamed from its start instead, never read whole into memory
            try (in) {
                byte[] whole = new byte[(int) size + 1];
                int read = in.readNBytes(whole, 0, whole.length);
                if (read <= size) {
                    return new ByteArrayInputStream(whole, 0, read);
                }
            }
            return new BufferedInputStream(Files.newInputStream(path), 64 * 1024);
        }
    }
}
