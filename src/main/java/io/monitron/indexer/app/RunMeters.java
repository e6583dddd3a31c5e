package io.monitron.indexer.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.monitron.indexer.pipeline.RunStats;
import java.util.concurrent.atomic.LongAdder;

/**
 * The run's own figures as meters (served on {@code /metrics} with {@code --metrics-port}): the summary's counters,
 * read when scraped. Names follow Prometheus conventions once exported ({@code indexer_events_total{stage="seen"}}).
 */
final class RunMeters {
    private RunMeters() {}

    static void register(MeterRegistry registry, RunStats stats) {
        counter(registry, "indexer.files", "read", stats.filesRead, "inputs read");
        counter(registry, "indexer.files", "failed", stats.filesFailed, "inputs that could not be read");
        counter(registry, "indexer.files", "unchanged", stats.filesUnchanged, "inputs done by earlier runs");
        counter(registry, "indexer.events", "seen", stats.records, "records split and looked at");
        counter(registry, "indexer.events", "matched", stats.eventsMatched, "events the filters kept");
        counter(registry, "indexer.documents", "indexed", stats.eventsIndexed, "documents indexed");
        counter(
                registry,
                "indexer.documents",
                "already_indexed",
                stats.eventsAlreadyIndexed,
                "documents already there");
        counter(registry, "indexer.documents", "rejected", stats.recordsRejected, "records dead-lettered");
        counter(
                registry,
                "indexer.documents",
                "refused",
                stats.eventsRejectedByElasticsearch,
                "documents Elasticsearch refused (dead-lettered)");
        counter(
                registry,
                "indexer.documents",
                "failed",
                stats.eventsFailed,
                "documents neither indexed nor dead-lettered");
        FunctionCounter.builder("indexer.input.bytes", stats.bytesRead, LongAdder::doubleValue)
                .description("input bytes read, as stored")
                .baseUnit("bytes")
                .register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String stage, LongAdder value, String what) {
        FunctionCounter.builder(name, value, LongAdder::doubleValue)
                .tag("stage", stage)
                .description(what)
                .register(registry);
    }
}
