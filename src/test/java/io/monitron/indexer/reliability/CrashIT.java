package io.monitron.indexer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.testing.IndexedDocuments;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI as a child process against the real Elasticsearch, killed and interrupted: whatever point a run
 * dies at, the next clean run ends with exactly the expected documents, no more and no fewer.
 */
class CrashIT {
    private static final ElasticsearchFixture ES = ElasticsearchFixture.shared();
    private static final String PREFIX = "rel-crash";
    private static final String PATTERN = PREFIX + "-*";
    private static final long SEED = 4711L;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path temp;

    @BeforeAll
    static void installTemplate() {
        CliResult setup = InProcessCli.against(ES.url()).run("setup", "--index-prefix", PREFIX);
        assertThat(setup.exitCode()).as(setup.transcript()).isZero();
    }

    @BeforeEach
    void clean() {
        ES.deleteIndices(PATTERN);
    }

    private String[] indexArgs(Path trail, String run) {
        return new String[] {
            "index",
            "--path",
            trail.toString(),
            "--index-prefix",
            PREFIX,
            "--bulk-actions",
            "50",
            "--concurrency",
            "1",
            "--summary-json",
            temp.resolve("summary-" + run + ".json").toString(),
            "--dead-letter",
            temp.resolve("dl-" + run + ".ndjson").toString()
        };
    }

    @Test
    void killedTenTimesAtRandomPointsThenACleanRunEndsWithExactlyTheExpectedDocuments() throws InterruptedException {
        Path trail = temp.resolve("trail");
        // large enough that a run outlasts the kill delays even on a fast, quiet machine
        Set<String> expected =
                Events.trailFolder(trail, 180, 50, "k"); // 9,000 ids: under the 10,000 one search returns
        Random random = new Random(SEED);
        System.out.println("[crash] SIGKILL delays from seed " + SEED);
        int killedMidRun = 0;
        for (int i = 1; i <= 10; i++) {
            long delay = 300 + random.nextInt(4000);
            try (IndexerProcess process =
                    IndexerProcess.start(Map.of("ES_URL", ES.url()), List.of(indexArgs(trail, "killed-" + i)))) {
                // the seeded delay is the point of the test: it chooses where in the run the kill lands
                boolean ended = process.awaitEndWithin(Duration.ofMillis(delay));
                if (!ended) {
                    killedMidRun++;
                    process.kill();
                }
                System.out.println(
                        "[crash] run " + i + ": " + (ended ? "ended by itself" : "killed") + " after " + delay + " ms");
            }
        }
        assertThat(killedMidRun).as("kills that landed in a running indexer").isGreaterThanOrEqualTo(1);

        CliResult clean = IndexerProcess.run(Map.of("ES_URL", ES.url()), RUN_TIMEOUT, indexArgs(trail, "clean"));

        assertThat(clean.exitCode()).as(clean.transcript()).isZero();
        assertThat(clean.events("failed")).isZero();
        assertThat(IndexedDocuments.ids(ES, PATTERN)).isEqualTo(expected);
        assertThat(IndexedDocuments.count(ES, PATTERN)).isEqualTo(expected.size());
    }

    @Test
    void sigtermStopsReadingFlushesWhatIsInFlightSavesTheStateAndExits130() throws InterruptedException {
        Path trail = temp.resolve("trail");
        Set<String> expected = Events.trailFolder(trail, 30, 50, "s");
        String[] args = indexArgs(trail, "stopped");
        CliResult stopped;
        try (FaultProxy proxy = FaultProxy.forwardingTo(ES.url()).holdFirstBulk();
                IndexerProcess process = IndexerProcess.start(Map.of("ES_URL", proxy.url()), List.of(args))) {
            assertThat(proxy.awaitHeldBulk(Duration.ofSeconds(90)))
                    .as("a bulk request arrived; stderr:\n%s", process.err())
                    .isTrue();
            process.terminate();
            long signalled = System.nanoTime();
            proxy.releaseHeldBulk();
            stopped = process.await(Duration.ofSeconds(30), args);
            Duration took = Duration.ofNanos(System.nanoTime() - signalled);
            System.out.println("[crash] exit " + stopped.exitCode() + " " + took.toMillis() + " ms after SIGTERM");
            assertThat(took).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(stopped.exitCode()).as(stopped.transcript()).isEqualTo(130);
        assertThat(stopped.err()).contains("SIGTERM received");
        assertThat(stopped.out()).contains("files: ");
        assertThat(stopped.files("read")).as("reading stopped").isLessThan(30);
        assertThat(stopped.events("failed"))
                .as("in-flight documents were flushed")
                .isZero();
        long indexedBeforeStop = stopped.events("indexed");
        assertThat(indexedBeforeStop).isPositive();

        CliResult again = IndexerProcess.run(Map.of("ES_URL", ES.url()), RUN_TIMEOUT, indexArgs(trail, "again"));

        assertThat(again.exitCode()).as(again.transcript()).isZero();
        assertThat(again.files("read"))
                .as("files completed before the stop were saved as done")
                .isLessThan(30);
        assertThat(again.events("indexed") + indexedBeforeStop).isEqualTo(expected.size());
        assertThat(IndexedDocuments.ids(ES, PATTERN)).isEqualTo(expected);
        assertThat(IndexedDocuments.count(ES, PATTERN)).isEqualTo(expected.size());
    }

    @Test
    void sigtermWhileElasticsearchDoesNotAnswerExitsWithinSecondsLeavingUnacknowledgedFilesUndone()
            throws InterruptedException {
        Path trail = temp.resolve("trail");
        Set<String> expected = Events.trailFolder(trail, 10, 20, "h");
        String[] args = indexArgs(trail, "hung");
        CliResult stopped;
        try (FaultProxy proxy = FaultProxy.forwardingTo(ES.url()).holdFirstBulk();
                IndexerProcess process = IndexerProcess.start(Map.of("ES_URL", proxy.url()), List.of(args))) {
            assertThat(proxy.awaitHeldBulk(Duration.ofSeconds(90)))
                    .as("a bulk request arrived; stderr:\n%s", process.err())
                    .isTrue();
            process.terminate(); // the held request is never answered
            long signalled = System.nanoTime();
            stopped = process.await(Duration.ofSeconds(60), args);
            Duration took = Duration.ofNanos(System.nanoTime() - signalled);
            assertThat(took).as("not the 120 s socket timeout").isLessThan(Duration.ofSeconds(30));
            proxy.releaseHeldBulk();
        }
        assertThat(stopped.exitCode()).as(stopped.transcript()).isEqualTo(130);
        assertThat(stopped.err()).contains("quitting now");

        CliResult again = IndexerProcess.run(Map.of("ES_URL", ES.url()), RUN_TIMEOUT, indexArgs(trail, "after-hang"));
        assertThat(again.exitCode()).as(again.transcript()).isZero();
        assertThat(IndexedDocuments.ids(ES, PATTERN)).isEqualTo(expected);
        assertThat(IndexedDocuments.count(ES, PATTERN)).isEqualTo(expected.size());
    }
}
