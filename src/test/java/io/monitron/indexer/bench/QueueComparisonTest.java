package io.monitron.indexer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sqs part's table and report on fixed figures: nothing here depends on timing. */
class QueueComparisonTest {
    private static QueueComparison.Run run(String name, int processes, long inIndex, long... doneMillis) {
        List<Duration> done =
                java.util.Arrays.stream(doneMillis).mapToObj(Duration::ofMillis).toList();
        List<Duration> ended = done.stream().map(d -> d.plusSeconds(2)).toList();
        return new QueueComparison.Run(name, processes, done, ended, 400, 800, inIndex, 3.5, 7.25);
    }

    private static QueueComparison comparison() {
        return new QueueComparison(
                400,
                44_000,
                800,
                2,
                Duration.ofSeconds(1),
                List.of(
                        run("batch index --s3", 1, 800, 5000, 4000),
                        run("1 worker", 1, 800, 8000, 9000, 10000),
                        run("2 workers", 2, 799, 6000)));
    }

    @Test
    void ratesAndRatiosComeFromTheBestRoundAgainstTheBatchRunsBest() {
        String table = comparison().render();

        assertThat(table).contains("400 objects, 44000 events, 800 documents; --concurrency 2 per process");
        // batch: best 4 s -> 100 objects/s, 200 docs/s; median of (4, 5) is the lower, 4
        assertThat(table)
                .containsPattern(
                        "batch index --s3 +4\\.00 +4\\.00 +100\\.0 +200\\.0 +1\\.00 +6\\.00 +3\\.50 +7\\.25 +400 +800\\n");
        // 1 worker: best 8 s, median 9 s -> 50 objects/s, 2x the batch time, ended 10 s
        assertThat(table)
                .containsPattern(
                        "1 worker +8\\.00 +9\\.00 +50\\.0 +100\\.0 +2\\.00 +10\\.00 +3\\.50 +7\\.25 +400 +800\\n");
        assertThat(table).contains("--idle-exit PT1S");
    }

    @Test
    void aRunWithOtherThanTheExpectedDocumentsIsFlagged() {
        QueueComparison comparison = comparison();

        assertThat(comparison.render())
                .containsPattern("2 workers .* 799  MISMATCH: expected 800")
                .doesNotContainPattern("1 worker .*MISMATCH");
        JsonNode json = comparison.toJson(new ObjectMapper());
        assertThat(json.path("runs").get(1).path("complete").asBoolean()).isTrue();
        assertThat(json.path("runs").get(2).path("complete").asBoolean()).isFalse();
    }

    @Test
    void theReportKeepsEveryRoundAndTheFigures() {
        JsonNode json = comparison().toJson(new ObjectMapper());

        assertThat(json.path("objects").asLong()).isEqualTo(400);
        assertThat(json.path("expectedDocuments").asLong()).isEqualTo(800);
        JsonNode worker = json.path("runs").get(1);
        assertThat(worker.path("doneSeconds").size()).isEqualTo(3);
        assertThat(worker.path("bestSeconds").asDouble()).isEqualTo(8.0);
        assertThat(worker.path("ratioToBatch").asDouble()).isEqualTo(2.0);
        assertThat(worker.path("objectsPerSecond").asDouble()).isEqualTo(50.0);
        assertThat(worker.path("endedSeconds").get(0).asDouble()).isEqualTo(10.0);
        assertThat(worker.path("machineBusySeconds").asDouble()).isEqualTo(7.25);
    }

    @Test
    void aRunNeedsAnEndTimeForEveryDoneTime() {
        assertThatThrownBy(
                        () -> new QueueComparison.Run("x", 1, List.of(Duration.ofSeconds(1)), List.of(), 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
