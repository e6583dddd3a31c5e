package io.monitron.indexer.samples;

import static io.monitron.indexer.samples.GeneratedCorpus.content;
import static io.monitron.indexer.samples.GeneratedCorpus.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.cli.GenerateCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The committed samples are exactly what the commands in {@code samples/README.md} write, so neither the samples nor
 * the documented commands can drift from the generator. Gzipped files are compared by content: the deflate bytes may
 * differ between Java runtimes, the events may not.
 */
class CommittedSamplesTest {
    private static final Path SAMPLES = Path.of("samples");
    private static final String COMMAND = "java -jar target/monitron-cloudtrail-indexer.jar generate-samples ";

    @TempDir
    Path temp;

    @Test
    void committedSamplesEqualAFreshGenerationWithTheDocumentedCommands() throws IOException {
        List<String> commands = documentedSampleCommands();
        assertThat(commands)
                .as("generate-samples commands writing into samples/ in samples/README.md")
                .hasSize(3);

        for (String command : commands) {
            String[] args = command.substring(COMMAND.length()).trim().split("\\s+");
            for (int i = 0; i < args.length - 1; i++) {
                if (args[i].equals("--out")) {
                    args[i + 1] = temp.resolve(SAMPLES.relativize(Path.of(args[i + 1])))
                            .toString();
                }
            }
            StringWriter err = new StringWriter();
            int exit = new CommandLine(new GenerateCommand())
                    .setOut(new PrintWriter(new StringWriter()))
                    .setErr(new PrintWriter(err))
                    .execute(args);
            assertThat(exit).as("%s%n%s", command, err).isZero();
        }

        TreeMap<String, Path> committed = files(SAMPLES);
        committed.remove("README.md");
        TreeMap<String, Path> fresh = files(temp);
        assertThat(committed.keySet()).isEqualTo(fresh.keySet());
        for (Map.Entry<String, Path> file : fresh.entrySet()) {
            assertThat(content(committed.get(file.getKey())))
                    .as("samples/%s differs from a fresh generation; regenerate with samples/README.md", file.getKey())
                    .isEqualTo(content(file.getValue()));
        }
    }

    @Test
    void committedSamplesStaySmall() {
        long bytes = files(SAMPLES).values().stream()
                .mapToLong(p -> p.toFile().length())
                .sum();
        assertThat(bytes).isLessThan(1_500_000);
    }

    private static List<String> documentedSampleCommands() throws IOException {
        List<String> commands = new ArrayList<>();
        for (String line : Files.readAllLines(SAMPLES.resolve("README.md"))) {
            if (line.startsWith(COMMAND) && line.contains("--out samples/")) {
                commands.add(line);
            }
        }
        return commands;
    }
}
