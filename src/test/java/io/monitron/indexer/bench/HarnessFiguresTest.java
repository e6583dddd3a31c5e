package io.monitron.indexer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The harness's arithmetic and parsing, on fixed inputs: nothing here depends on timing. */
class HarnessFiguresTest {

    private static Timing timing(String name, long... millis) {
        return new Timing(
                name,
                java.util.Arrays.stream(millis).mapToObj(Duration::ofMillis).toList(),
                0);
    }

    @Test
    void bestIsTheFastestRunAndMedianTheLowerMiddle() {
        Timing t = timing("x", 300, 100, 200, 400);
        assertEquals(Duration.ofMillis(100), t.best());
        assertEquals(Duration.ofMillis(200), t.median());
        assertEquals(Duration.ofMillis(200), timing("y", 300, 100, 200).median());
    }

    @Test
    void ratiosUseBestRunsAndTargetsAreUpperBounds() {
        Timing floor = timing("floor", 1000, 900);
        Timing indexer = timing("indexer", 1400, 1350);
        Target target = new Target("indexer", "floor", 1.5);
        double ratio = target.ratio(indexer, floor);
        assertEquals(1.5, ratio, 1e-9);
        assertTrue(target.isMet(ratio));
        assertFalse(new Target("indexer", "floor", 1.2).isMet(ratio));
    }

    @Test
    void fasterThanTargetsReadAsSpeedups() {
        Comparison comparison = new Comparison(
                "scan",
                1000,
                List.of(timing("floor", 100), timing("indexer", 150), timing("jq", 1000)),
                List.of(new Target("indexer", "jq", 0.2), new Target("indexer", "floor", 1.2)));
        List<Comparison.Verdict> verdicts = comparison.verdicts();
        assertEquals(0.15, verdicts.get(0).ratio().orElseThrow(), 1e-9);
        assertTrue(verdicts.get(0).met());
        assertTrue(
                verdicts.get(0).describe().contains(">= 5.0x faster"),
                verdicts.get(0).describe());
        assertFalse(verdicts.get(1).met());
        assertTrue(verdicts.get(1).describe().endsWith("MISSED"));
    }

    @Test
    void aTargetWithASkippedContenderIsNotMeasuredAndNotMet() {
        Comparison comparison =
                new Comparison("scan", 10, List.of(timing("floor", 100)), List.of(new Target("indexer", "jq", 0.2)));
        Comparison.Verdict verdict = comparison.verdicts().get(0);
        assertEquals(Optional.empty(), verdict.ratio());
        assertFalse(verdict.met());
        assertTrue(verdict.describe().endsWith("not measured"));
    }

    @Test
    void gcLogGivesPeakBeforeAndAfterCollectionsAndTheHeapAtExit() {
        GcLog log = GcLog.parse(List.of(
                "[0.010s][info][gc] Using G1",
                "[0.512s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms",
                "[0.900s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 140M->61M(256M) 4.1ms",
                "[1.200s][info][gc] GC(2) Pause Remark 70M->70M(256M) 1.0ms",
                "[1.300s][info][gc] GC(3) Pause Full (G1 Compaction Pause) 1G->512K(256M) 9.0ms",
                "[2.000s][info][gc,heap,exit] Heap",
                "[2.000s][info][gc,heap,exit]  garbage-first heap   total 262144K, used 35190K [0x00000000f0000000)",
                "[2.000s][info][gc,heap,exit]  Metaspace       used 20000K, committed 20480K, reserved 1114112K"));
        assertEquals(4, log.collections());
        assertEquals(1L << 30, log.peakUsedBytes());
        assertEquals(70L << 20, log.peakRetainedBytes());
        assertEquals(35190L * 1024, log.usedAtExitBytes());
    }

    @Test
    void heapAtExitCountsAsPeakWhenNoCollectionSawMore() {
        GcLog log = GcLog.parse(List.of(
                "[0.5s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 10M->2M(256M) 1ms",
                "[1.0s][info][gc,heap,exit]  garbage-first heap   total 262144K, used 51200K [0x0)"));
        assertEquals(51200L * 1024, log.peakUsedBytes());
    }

    @Test
    void peakRssComesFromVmHwmInKilobytes() {
        String status = "Name:\tjava\nVmPeak:\t 5000000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  190000 kB\n";
        assertEquals(Optional.of(204800L * 1024), MemoryProbe.parseHwm(status));
        assertEquals(Optional.empty(), MemoryProbe.parseHwm("Name:\tkthreadd\n"));
    }

    @Test
    void bulkBodiesAreCreateActionsCutByDocumentCount() throws Exception {
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            ndjson.append("{\"_index\":\"monitron-cloudtrail-2026.10\",\"_id\":\"id-")
                    .append(i)
                    .append("\",\"event\":{\"action\":\"CreateProject\"}}\n");
        }
        List<BulkBodies.Body> bodies = BulkBodies.read(new StringReader(ndjson.toString()), 2, 1 << 20, "bench");
        assertEquals(
                List.of(2, 2, 1),
                bodies.stream().map(BulkBodies.Body::documents).toList());
        assertEquals(
                "{\"create\":{\"_index\":\"bench-2026.10\",\"_id\":\"id-0\"}}\n"
                        + "{\"event\":{\"action\":\"CreateProject\"}}\n"
                        + "{\"create\":{\"_index\":\"bench-2026.10\",\"_id\":\"id-1\"}}\n"
                        + "{\"event\":{\"action\":\"CreateProject\"}}\n",
                BulkBodies.utf8(bodies.get(0)));
    }

    @Test
    void bulkBodiesAreCutOnceTheyReachTheByteLimit() throws Exception {
        String line = "{\"_index\":\"p-2026.10\",\"_id\":\"a\",\"message\":\"" + "x".repeat(100) + "\"}\n";
        List<BulkBodies.Body> bodies = BulkBodies.read(new StringReader(line.repeat(3)), 1000, 250, null);
        assertEquals(
                List.of(2, 1), bodies.stream().map(BulkBodies.Body::documents).toList());
        assertTrue(BulkBodies.utf8(bodies.get(0)).startsWith("{\"create\":{\"_index\":\"p-2026.10\""));
    }

    @Test
    void linesWithoutIdsAreNotTheIndexersOutput() {
        assertThrows(
                BenchmarkException.class, () -> BulkBodies.read(new StringReader("{\"event\":{}}\n"), 10, 1000, null));
    }

    @Test
    void bulkResponsesCountCreatedItemsAndFailOnErrors() throws Exception {
        String ok =
                "{\"took\":3,\"errors\":false,\"items\":[{\"create\":{\"_index\":\"i\",\"_id\":\"1\",\"status\":201}},"
                        + "{\"create\":{\"_index\":\"i\",\"_id\":\"2\",\"_shards\":{\"total\":1},\"status\":201}}]}";
        assertEquals(2, RawBulkFloor.created(stream(ok), 2));
        String conflict = "{\"took\":3,\"errors\":true,\"items\":[{\"create\":{\"_id\":\"1\",\"status\":409,"
                + "\"error\":{\"type\":\"version_conflict_engine_exception\"}}}]}";
        assertThrows(BenchmarkException.class, () -> RawBulkFloor.created(stream(conflict), 1));
    }

    @Test
    void corpusNamesSayEventsShareAndSeed() {
        assertEquals("corpus-1000000-0.05%-seed7", new Corpus(1_000_000, 0.0005, 7).folderName());
        assertEquals("2%", new Corpus(10, 0.02, 7).share());
    }

    @Test
    void jqPipelineSelectsTheEventSourceWithTheAskedParallelism() {
        CorpusFiles none = new CorpusFiles(java.nio.file.Path.of("."), List.of(), 0);
        String script = ShellPipeline.zcatJq(none, 3, "monitron.amazonaws.com").script();
        assertTrue(script.contains("xargs -0 -P 3 -n " + ShellPipeline.BATCH), script);
        assertTrue(script.contains("select(.eventSource == \\\"monitron.amazonaws.com\\\")"), script);
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
