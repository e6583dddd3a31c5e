package io.monitron.indexer.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.model.Input;
import io.monitron.indexer.port.Listing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
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
