package io.monitron.indexer.samples;

import static io.monitron.indexer.samples.GeneratedCorpus.content;
import static io.monitron.indexer.samples.GeneratedCorpus.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.cli.Environment;
import io.monitron.indexer.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generating into a folder that already holds a corpus of the same layout is refused, and changes nothing there. */
class OutputFolderTest {
    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int generate(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "generate-samples";
        System.arraycopy(args, 0, command, 1, args.length);
        return Main.run(
                command,
                new Environment(Map.of()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aSecondTrailIntoTheSameFolderIsAUsageErrorThatLeavesTheFirstUntouched() {
        String folder = temp.resolve("trail").toString();
        assertThat(generate("--out", folder, "--events", "200", "--days", "1", "--seed", "1"))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        TreeMap<String, Path> before = files(temp.resolve("trail"));
        Map<String, byte[]> contentBefore = new TreeMap<>();
        before.forEach((name, path) -> contentBefore.put(name, content(path)));

        int exit = generate("--out", folder, "--events", "200", "--days", "1", "--seed", "2");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("already holds a corpus", "AWSLogs", "new or empty --out folder");
        TreeMap<String, Path> after = files(temp.resolve("trail"));
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((name, path) -> assertThat(content(path)).as(name).isEqualTo(contentBefore.get(name)));
    }

    @Test
    void lookupEventsAndEventBridgeMayShareAFolderButNeitherIsWrittenTwice() {
        String folder = temp.resolve("other-formats").toString();
        String[] small = {"--no-gzip", "--events", "30", "--days", "1", "--accounts", "1", "--events-per-file", "5-15"};

        assertThat(generate(concat(new String[] {"--out", folder, "--format", "lookup-events"}, small)))
                .isZero();
        assertThat(generate(concat(new String[] {"--out", folder, "--format", "eventbridge"}, small)))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();

        assertThat(generate(concat(new String[] {"--out", folder, "--format", "lookup-events", "--seed", "9"}, small)))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("lookup-events.json");
        assertThat(generate(concat(new String[] {"--out", folder, "--format", "eventbridge", "--seed", "9"}, small)))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("eventbridge.ndjson");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
