package io.monitron.indexer.reliability;

import static io.monitron.indexer.reliability.Events.concat;
import static io.monitron.indexer.reliability.Events.gzip;
import static io.monitron.indexer.reliability.Events.monitron;
import static io.monitron.indexer.reliability.Events.records;
import static io.monitron.indexer.reliability.Events.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.testing.IndexedDocuments;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs built to hurt, run through the packaged jar with a 256 MB heap: a gzip bomb holding one huge record, a device
 * that never ends, a FIFO nobody writes to, a file that is not CloudTrail at all. None may exhaust the heap, block the
 * run or cost the good events around it.
 */
class HostileInputIT {
    private static final ElasticsearchFixture ES = ElasticsearchFixture.shared();
    private static final String PREFIX = "rel-hostile";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path temp;

    @BeforeAll
    static void installTemplate() {
        CliResult setup = InProcessCli.against(ES.url()).run("setup", "--index-prefix", PREFIX);
        assertThat(setup.exitCode()).as(setup.transcript()).isZero();
    }

    @BeforeEach
    void clean() {
        ES.deleteIndices(PREFIX + "-*");
    }

    private CliResult indexInAProcess(Path input) {
        return IndexerProcess.run(
                Map.of("ES_URL", ES.url()),
                TIMEOUT,
                "index",
                "--quiet",
                "--path",
                input.toString(),
                "--index-prefix",
                PREFIX,
                "--state-index",
                "rel-state-hostile",
                "--summary-json",
                temp.resolve("summary.json").toString(),
                "--dead-letter",
                temp.resolve("dead-letter").toString());
    }

    /**
     * A trail file whose second record holds a string of {@code megabytes} MB, as concatenated gzip members (one
     * stream to gzip readers): a few hundred kilobytes on disk.
     */
    private static byte[] bombWithGoodRecordsAround(int megabytes) {
        byte[] megabyte = new byte[1024 * 1024];
        Arrays.fill(megabyte, (byte) 'x');
        byte[] member = gzip(megabyte);
        byte[][] parts = new byte[megabytes + 2][];
        parts[0] = gzip(utf8("{\"Records\":[" + monitron("b1")
                + ",{\"eventSource\":\"monitron.amazonaws.com\",\"eventID\":\"huge\",\"requestParameters\":{\"x\":\""));
        for (int i = 1; i <= megabytes; i++) {
            parts[i] = member;
        }
        parts[megabytes + 1] = gzip(utf8("\"}}," + monitron("b2") + "]}"));
        return concat(parts);
    }

    @Test
    void aGzipBombHoldingAHugeRecordIsOneRejectionAndEveryGoodEventIsIndexed() {
        Path in = temp.resolve("in");
        Events.write(in.resolve("a.json"), utf8(records(monitron("a").toString())));
        Path bomb = Events.write(in.resolve("b.json.gz"), bombWithGoodRecordsAround(200));
        Events.write(in.resolve("c.json"), utf8(records(monitron("c").toString())));

        CliResult run = indexInAProcess(in);

        assertThat(run.err()).doesNotContain("OutOfMemoryError");
        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
        assertThat(IndexedDocuments.ids(ES, PREFIX + "-*")).containsExactlyInAnyOrder("a", "b1", "b2", "c");
        List<JsonNode> deadLetters = run.deadLetters();
        assertThat(deadLetters).singleElement().satisfies(entry -> {
            assertThat(entry.path("source").asText()).isEqualTo(bomb.toString());
            assertThat(entry.path("record").asLong()).isEqualTo(2);
            assertThat(entry.path("reason").asText())
                    .contains("record too large")
                    .contains("maximum record size of 32 MB");
            assertThat(entry.path("raw_truncated").asBoolean()).isTrue();
        });
    }

    @Test
    void anEndlessDeviceIsNeverRead() {
        CliResult run = indexInAProcess(Path.of("/dev/zero"));

        assertThat(run.err()).as(run.transcript()).doesNotContain("OutOfMemoryError");
        assertThat(run.exitCode()).as(run.transcript()).isNotEqualTo(1);
    }

    @Test
    void aFifoNobodyWritesToDoesNotBlockTheRun() throws Exception {
        Path fifo = temp.resolve("pipe.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        CliResult run = indexInAProcess(fifo); // fails by timing out when the FIFO is opened

        assertThat(run.exitCode()).as(run.transcript()).isNotEqualTo(1);
    }

    @Test
    void aFileThatIsNotCloudTrailIsOneRejection() {
        Path readme = Events.write(
                temp.resolve("README.md"), utf8("# A project\n\n" + "Some prose, line after line.\n".repeat(480)));

        CliResult run = InProcessCli.against(ES.url()).index(temp, PREFIX, readme);

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
        assertThat(run.deadLetters()).singleElement().satisfies(entry -> {
            assertThat(entry.path("record").asLong()).isZero();
            assertThat(entry.path("reason").asText()).startsWith("not CloudTrail");
        });
    }
}
