package io.monitron.indexer.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.monitron.indexer.parse.StreamingEventReader;
import io.monitron.indexer.pipeline.IndexRun;
import io.monitron.indexer.pipeline.RunStats;
import io.monitron.indexer.sink.DeadLetterFile;
import io.monitron.indexer.sink.ElasticsearchSink;
import io.monitron.indexer.sink.RetryPolicy;
import io.monitron.indexer.source.LocalFileSource;
import io.monitron.indexer.transform.CloudTrailTransformer;
import io.monitron.indexer.transform.EventFilter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The indexer as {@code index --all-events} runs it into Elasticsearch: reader, transformer and {@link
 * ElasticsearchSink} with the command's default bulk settings, into fresh indices. The run state is not kept (as with
 * {@code --full} and no state index): its few writes are not what is measured. Counts documents indexed.
 */
public final class IndexerIntoElasticsearch implements Contender {
    private final ElasticsearchClient client;
    private final CorpusFiles corpus;
    private final int threads;
    private final ElasticsearchSink.BulkSettings bulk;
    private final FreshIndices indices;
    private final Path deadLetterFile;

    IndexerIntoElasticsearch(
            ElasticsearchClient client,
            CorpusFiles corpus,
            int threads,
            ElasticsearchSink.BulkSettings bulk,
            FreshIndices indices,
            Path deadLetterFile) {
        this.client = client;
        this.corpus = corpus;
        this.threads = threads;
        this.bulk = bulk;
        this.indices = indices;
        this.deadLetterFile = deadLetterFile;
    }

    @Override
    public String name() {
        return "indexer --all-events";
    }

    @Override
    public long run() {
        Clock clock = Clock.systemUTC();
        try (DeadLetterFile deadLetters = new DeadLetterFile(deadLetterFile, clock)) {
            ElasticsearchSink sink =
                    new ElasticsearchSink(client, indices.names(), bulk, RetryPolicy.DEFAULT, false, deadLetters);
            RunStats stats;
            try (sink) {
                stats = IndexRun.reading(new LocalFileSource(List.of(corpus.root())))
                        .with(
                                new StreamingEventReader(),
                                EventFilter.allEvents(),
                                new CloudTrailTransformer(true, clock))
                        .into(sink, deadLetters)
                        .concurrency(threads)
                        .build()
                        .run();
            }
            if (deadLetters.count() > 0) {
                throw new BenchmarkException(
                        "the indexer dead-lettered " + deadLetters.count() + " records; see " + deadLetters.path());
            }
            return stats.eventsIndexed.sum();
        }
    }

    @Override
    public void prepare() {
        indices.deleteIndices();
    }
}
