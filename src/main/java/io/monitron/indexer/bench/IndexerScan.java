package io.monitron.indexer.bench;

import io.monitron.indexer.model.Rejection;
import io.monitron.indexer.parse.StreamingEventReader;
import io.monitron.indexer.pipeline.IndexRun;
import io.monitron.indexer.pipeline.RunStats;
import io.monitron.indexer.port.DeadLetter;
import io.monitron.indexer.sink.DiscardingSink;
import io.monitron.indexer.source.LocalFileSource;
import io.monitron.indexer.transform.CloudTrailTransformer;
import io.monitron.indexer.transform.EventFilter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The indexer as {@code index --dry-run} runs it: the same reader, filter and transformer, documents built (with
 * {@code event.original}) and dropped by the {@link DiscardingSink}. Counts the documents built.
 */
public final class IndexerScan implements Contender {
    private final CorpusFiles corpus;
    private final int threads;
    private final EventFilter filter;
    private final String name;

    public IndexerScan(CorpusFiles corpus, int threads, EventFilter filter, String name) {
        this.corpus = corpus;
        this.threads = threads;
        this.filter = filter;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long run() {
        RejectionCount rejections = new RejectionCount();
        IndexRun run = IndexRun.reading(new LocalFileSource(List.of(corpus.root())))
                .with(new StreamingEventReader(), filter, new CloudTrailTransformer(true, Clock.systemUTC()))
                .into(new DiscardingSink(), rejections)
                .concurrency(threads)
                .build();
        RunStats stats = run.run();
        if (rejections.count() > 0) {
            throw new BenchmarkException(name + " rejected " + rejections.count()
                    + " records of a generated corpus (first: " + rejections.first.get() + "): fix that first");
        }
        return stats.eventsIndexed.sum();
    }

    /** Rejections are not expected in a generated corpus: count them and keep the first reason. */
    private static final class RejectionCount implements DeadLetter {
        private final LongAdder count = new LongAdder();
        private final AtomicReference<String> first = new AtomicReference<>();

        @Override
        public void write(Rejection rejection) {
            count.increment();
            first.compareAndSet(null, rejection.position() + ": " + rejection.reason());
        }

        @Override
        public long count() {
            return count.sum();
        }

        @Override
        public void close() {}
    }
}
