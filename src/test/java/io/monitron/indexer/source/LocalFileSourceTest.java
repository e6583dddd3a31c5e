package io.monitron.indexer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.model.Input;
import io.monitron.indexer.port.Listing;
import io.monitron.indexer.port.PassOver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileSourceTest {
    @TempDir
    Path root;

    @Test
    void walksFoldersDepthFirstInNameOrderKeepingOnlyInputNames() throws IOException {
        write("b/c.ndjson");
        write("a/2.json.gz");
        write("a/1.json");
        write("a/z/deeper.jsonl");
        write("a/README.md");
        write("b/notes.txt");

        assertThat(locations()).containsExactly("a/1.json", "a/2.json.gz", "a/z/deeper.jsonl", "b/c.ndjson");
    }

    @Test
    void leavesOutHiddenFilesAndFolders() throws IOException {
        write("a/.partial.json");
        write(".cache/x.json");
        write("a/kept.json");

        assertThat(locations()).containsExactly("a/kept.json");
    }

    @Test
    void readsLinksToFilesButDoesNotFollowLinksToFoldersOrDanglingLinks() throws IOException {
        Path target = write("a/1.json");
        Files.createSymbolicLink(root.resolve("link.json"), target);
        Files.createSymbolicLink(root.resolve("folder-link"), root.resolve("a"));
        Files.createSymbolicLink(root.resolve("dangling.json"), root.resolve("missing.json"));

        assertThat(locations()).containsExactly("a/1.json", "link.json");
    }

    @Test
    void reportsSizeAndAFileNamedDirectlyIsReadWhateverItsName() throws IOException {
        Path file = write("odd-name.txt");
        Files.writeString(file, "12345");

        List<Input> inputs =
                new LocalFileSource(List.of(file)).inputs(Listing.IGNORE).toList();

        assertThat(inputs).hasSize(1);
        assertThat(inputs.get(0).size()).isEqualTo(5);
    }

    @Test
    void listsAFolderOnlyWhenTheWalkReachesIt() throws IOException {
        write("a/1.json");
        write("b/2.json");
        Iterator<Input> inputs =
                new LocalFileSource(List.of(root)).inputs(Listing.IGNORE).iterator();

        assertThat(root.relativize(Path.of(inputs.next().location())).toString())
                .isEqualTo("a/1.json");
        // a file added to a folder not reached yet is still found: nothing was listed ahead
        write("b/1.json");
        assertThat(root.relativize(Path.of(inputs.next().location())).toString())
                .isEqualTo("b/1.json");
        assertThat(root.relativize(Path.of(inputs.next().location())).toString())
                .isEqualTo("b/2.json");
        assertThat(inputs.hasNext()).isFalse();
    }

    /** What a source told its listing, as "relative path: reason". */
    private final class Passed implements Listing {
        final List<String> seen = new ArrayList<>();

        @Override
        public synchronized void passedOver(String location, PassOver reason) {
            Path path = Path.of(location);
            seen.add((path.startsWith(root) ? root.relativize(path) : path) + ": " + reason);
        }
    }

    private List<String> locations(LocalFileSource source, Listing listing) {
        return source.inputs(listing)
                .map(input -> root.relativize(Path.of(input.location())).toString())
                .toList();
    }

    private void mkfifo(Path path) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("mkfifo", path.toString()).start();
        assertThat(process.waitFor()).isZero();
    }

    @Test
    void neverOpensFifosSocketsOrLinksLeadingNowhereAndReportsThem() throws Exception {
        write("a/1.json");
        mkfifo(root.resolve("a/fifo.json"));
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(root.resolve("a/socket.json")));
            Files.createSymbolicLink(root.resolve("a/loop-1.json"), root.resolve("a/loop-2.json"));
            Files.createSymbolicLink(root.resolve("a/loop-2.json"), root.resolve("a/loop-1.json"));
            Files.createSymbolicLink(root.resolve("a/dangling.json"), root.resolve("missing.json"));
            Files.createSymbolicLink(root.resolve("a/folder.json"), root.resolve("a"));
            Passed passed = new Passed();

            List<String> read = assertTimeoutPreemptively(
                    Duration.ofSeconds(30), () -> locations(new LocalFileSource(List.of(root)), passed));

            assertThat(read).containsExactly("a/1.json");
            assertThat(passed.seen)
                    .containsExactly(
                            "a/dangling.json: NOT_A_REGULAR_FILE",
                            "a/fifo.json: NOT_A_REGULAR_FILE",
                            "a/folder.json: NOT_A_REGULAR_FILE",
                            "a/loop-1.json: NOT_A_REGULAR_FILE",
                            "a/loop-2.json: NOT_A_REGULAR_FILE",
                            "a/socket.json: NOT_A_REGULAR_FILE");
        }
    }

    @Test
    void aFifoOrADeviceNamedOnTheCommandLineIsReportedNotOpened() throws Exception {
        Path fifo = root.resolve("named-pipe");
        mkfifo(fifo);
        Passed passed = new Passed();

        List<Input> inputs = assertTimeoutPreemptively(
                Duration.ofSeconds(30), () -> new LocalFileSource(List.of(fifo, Path.of("/dev/zero")))
                        .inputs(passed)
                        .toList());

        assertThat(inputs).isEmpty();
        assertThat(passed.seen).containsExactly("named-pipe: NOT_A_REGULAR_FILE", "/dev/zero: NOT_A_REGULAR_FILE");
    }

    @Test
    void reportsNamesThatAreNotAnInput() throws IOException {
        write("a/1.json");
        write("a/README.md");
        write("notes.txt");
        Passed passed = new Passed();

        assertThat(locations(new LocalFileSource(List.of(root)), passed)).containsExactly("a/1.json");
        assertThat(passed.seen).containsExactly("a/README.md: NOT_AN_INPUT_NAME", "notes.txt: NOT_AN_INPUT_NAME");
    }

    @Test
    void aFolderThatCannotBeListedIsReportedWithItsReasonAndTheRestOfTheTreeIsRead() throws IOException {
        // permissions do not stop root (as in CI): the listing itself is made to fail the way it does for others
        write("a/1.json");
        write("b/2.json");
        write("c/3.json");
        Path denied = root.resolve("b");
        LocalFileSource source = new LocalFileSource(List.of(root), Optional.empty(), folder -> {
            if (folder.equals(denied)) {
                throw new AccessDeniedException(folder.toString());
            }
            return Files.list(folder);
        });
        Passed passed = new Passed();

        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<String> read;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            read = locations(source, passed);
        } finally {
            System.setErr(err);
        }

        assertThat(read).containsExactly("a/1.json", "c/3.json");
        assertThat(passed.seen).containsExactly("b: UNREADABLE_FOLDER");
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("cannot list the folder " + denied + ": permission denied (AccessDeniedException)")
                .doesNotContain(denied + ": " + denied);
    }

    @Test
    void aFolderWithoutPermissionIsPassedOverForAnyoneButRoot() throws IOException {
        Assumptions.assumeFalse(
                "root".equals(System.getProperty("user.name")), "root reads folders whatever their permissions");
        write("a/1.json");
        write("b/2.json");
        Path denied = root.resolve("b");
        Files.setPosixFilePermissions(denied, PosixFilePermissions.fromString("---------"));
        try {
            Passed passed = new Passed();

            assertThat(locations(new LocalFileSource(List.of(root)), passed)).containsExactly("a/1.json");
            assertThat(passed.seen).containsExactly("b: UNREADABLE_FOLDER");
        } finally {
            Files.setPosixFilePermissions(denied, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aFolderNamedOnTheCommandLineThatCannotBeListedStopsTheRunWithItsReason() {
        LocalFileSource source = new LocalFileSource(List.of(root), Optional.empty(), folder -> {
            throw new AccessDeniedException(folder.toString());
        });

        assertThatThrownBy(() -> source.inputs(Listing.IGNORE).toList())
                .isInstanceOf(SourceException.class)
                .hasMessage("cannot list --path " + root + ": permission denied (AccessDeniedException)");
    }

    @Test
    void leavesOutItsOwnDeadLetterFolderInsideAnInputFolderAndSaysSo() throws IOException {
        write("in/a.json");
        write("in/dead-letter/dead-letter-20260101T000000Z-1.ndjson");
        Passed passed = new Passed();

        List<String> read = locations(
                new LocalFileSource(List.of(root.resolve("in")), Optional.of(root.resolve("in/dead-letter"))), passed);

        assertThat(read).containsExactly("in/a.json");
        assertThat(passed.seen).containsExactly("in/dead-letter: OWN_DEAD_LETTERS");
    }

    @Test
    void leavesOutItsOwnDeadLetterFileReachedThroughAnotherSpellingOfThePath() throws IOException {
        write("in/a.json");
        write("in/rejected.ndjson");
        Files.createSymbolicLink(root.resolve("link-to-in"), root.resolve("in"));
        Passed passed = new Passed();

        List<String> read = locations(
                new LocalFileSource(
                        List.of(root.resolve("link-to-in")), Optional.of(root.resolve("in/../in/rejected.ndjson"))),
                passed);

        assertThat(read).containsExactly("link-to-in/a.json");
        assertThat(passed.seen).containsExactly("link-to-in/rejected.ndjson: OWN_DEAD_LETTERS");
    }

    @Test
    void readsItsOwnDeadLettersWhenNamedOnTheCommandLineToReDriveThem() throws IOException {
        Path file = write("in/dead-letter/dead-letter-1.ndjson");
        Path folder = root.resolve("in/dead-letter");

        assertThat(locations(new LocalFileSource(List.of(file), Optional.of(folder)), Listing.IGNORE))
                .containsExactly("in/dead-letter/dead-letter-1.ndjson");
        assertThat(locations(new LocalFileSource(List.of(folder), Optional.of(folder)), Listing.IGNORE))
                .containsExactly("in/dead-letter/dead-letter-1.ndjson");
        assertThat(locations(new LocalFileSource(List.of(file), Optional.of(file)), Listing.IGNORE))
                .containsExactly("in/dead-letter/dead-letter-1.ndjson");
    }

    @Test
    void aDeadLetterFolderCreatedDuringTheRunIsLeftOutToo() throws IOException {
        write("in/a.json");
        Iterator<Input> inputs = new LocalFileSource(
                        List.of(root.resolve("in")), Optional.of(root.resolve("in/z-dead-letter")))
                .inputs(Listing.IGNORE)
                .iterator();

        assertThat(inputs.next().location()).endsWith("a.json");
        write("in/z-dead-letter/dead-letter-1.ndjson");
        assertThat(inputs.hasNext()).isFalse();
    }

    @Test
    void aLinkLeadingNowhereNamedOnTheCommandLineIsAConfigurationError() throws IOException {
        Path dangling = Files.createSymbolicLink(root.resolve("dangling.json"), root.resolve("missing.json"));

        assertThatThrownBy(() -> new LocalFileSource(List.of(dangling)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is a link that leads nowhere");
    }

    @Test
    void aFileThatGrewSinceItWasListedIsReadToItsEnd() throws IOException {
        Path file = write("grows.json");
        Input input = new LocalFileSource(List.of(file))
                .inputs(Listing.IGNORE)
                .findFirst()
                .orElseThrow();
        Files.writeString(file, "{\"Records\":[]}");

        try (InputStream in = input.open()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"Records\":[]}");
        }
    }

    private List<String> locations() {
        return new LocalFileSource(List.of(root))
                .inputs(Listing.IGNORE)
                .map(input -> root.relativize(Path.of(input.location())).toString())
                .toList();
    }

    private Path write(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{}");
        return file;
    }
}
