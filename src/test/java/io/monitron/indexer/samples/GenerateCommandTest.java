package io.monitron.indexer.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.cli.GenerateCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {
    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new GenerateCommand())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void printsAOneLineSummaryWithTheSeed() {
        int exit = run(
                "--out", temp.toString(), "--events", "120", "--monitron-share", "0.25", "--days", "2", "--seed", "99");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().strip())
                .matches("generated \\d+ files, 120 events \\(30 Monitron\\), \\d+ bytes, seed 99");
        assertThat(temp.resolve("AWSLogs")).isDirectory();
    }

    @Test
    void writesLookupEventsWithoutGzip() {
        int exit = run(
                "--out",
                temp.toString(),
                "--events",
                "20",
                "--format",
                "lookup-events",
                "--no-gzip",
                "--accounts",
                "111122223333,444455556666");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(temp.resolve("lookup-events.json")).isRegularFile();
    }

    @Test
    void writesEventBridgeLines() throws Exception {
        int exit = run("--out", temp.toString(), "--events", "25", "--format", "eventbridge");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(temp.resolve("eventbridge.ndjson.gz")).isRegularFile();
        assertThat(new String(GeneratedCorpus.content(temp.resolve("eventbridge.ndjson.gz"))).lines())
                .hasSize(25);
        assertThat(Files.list(temp)).hasSize(1);
    }

    @Test
    void rejectsBadSettingsWithAUsageError() {
        int exit = run("--out", temp.toString(), "--monitron-share", "2", "--accounts", "12345");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Monitron share").contains("'12345'");
    }

    @Test
    void rejectsAnUnknownFormat() {
        int exit = run("--out", temp.toString(), "--format", "csv");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("trail, lookup-events or eventbridge");
    }
}
