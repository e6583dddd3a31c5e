package io.monitron.indexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code index} run in-process without Elasticsearch ({@code --dry-run}, {@code --output}): what it tells the user. */
class IndexCommandTest {
    @TempDir
    Path temp;

    record Result(int exitCode, String out, String err) {}

    @BeforeAll
    static void noSignalHandlers() {
        Main.doNotHandleSignals();
    }

    private Result index(String... args) {
        List<String> all = new ArrayList<>(
                List.of("index", "--quiet", "--dead-letter", temp.resolve("dl").toString()));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                all.toArray(String[]::new),
                new Environment(Map.of()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDryRunSaysWouldBeIndexedAndAnOutputSaysWritten() {
        Result dry = index("--path", "samples/trail", "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains(" would be indexed, ").doesNotContain("matched, 2000 indexed");

        Result written = index(
                "--path",
                "samples/trail",
                "--output",
                temp.resolve("docs.ndjson").toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(written.out()).contains(" written, ");
    }

    @Test
    void aFolderWithNothingToReadWarnsWhatWasLookedForAndFailsOnlyWhenAskedTo() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("not-a-trail"));
        Files.writeString(folder.resolve("notes.txt"), "hello");

        Result plain = index("--path", folder.toString(), "--dry-run");
        assertThat(plain.exitCode()).isZero();
        assertThat(plain.err())
                .contains("warning: nothing to read: no *.json, *.json.gz, *.ndjson or *.jsonl file in")
                .contains(folder.toString());
        assertThat(plain.out()).contains("1 not read (1 not an input name)");

        Result strict = index("--path", folder.toString(), "--dry-run", "--fail-if-empty");
        assertThat(strict.exitCode()).isEqualTo(ExitCodes.NOTHING_TO_READ);
    }
}
