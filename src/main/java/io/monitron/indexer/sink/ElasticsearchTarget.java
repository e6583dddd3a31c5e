package io.monitron.indexer.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.port.DeadLetter;
import io.monitron.indexer.port.DocumentSink;
import io.monitron.indexer.port.StateStore;
import io.monitron.indexer.port.Target;
import java.io.IOException;
import java.time.Clock;

/** Elasticsearch as the target: one client for the sink, the checks and the state store, closed with the target. */
public final class ElasticsearchTarget implements Target {
    private final ElasticsearchSettings settings;
    private final ElasticsearchClient client;
    private final IndexNames indexNames;
    private final ElasticsearchSink.BulkSettings bulk;
    private final boolean overwrite;
    private final RetryPolicy retryPolicy;
    private final Clock clock;

    public ElasticsearchTarget(
            ElasticsearchSettings settings,
            IndexNames indexNames,
            ElasticsearchSink.BulkSettings bulk,
            boolean overwrite,
            RetryPolicy retryPolicy,
            Clock clock) {
        this.settings = settings;
        this.client = ElasticsearchClients.create(settings);
        this.indexNames = indexNames;
        this.bulk = bulk;
        this.overwrite = overwrite;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
    }

    /** The client, for what is Elasticsearch's own beside the events (the estate). */
    public ElasticsearchClient client() {
        return client;
    }

    @Override
    public void requireReady() {
        ClusterCheck.requireReachable(client, settings);
        IndexTemplate template = IndexTemplate.bundled(indexNames);
        switch (template.check(client, indexNames.templateName())) {
            case MISSING ->
                throw new ConfigException("the index template " + indexNames.templateName()
                        + " is not installed in Elasticsearch: run `setup` first (same --es-url and --index-prefix)");
            case OUTDATED ->
                throw new ConfigException("the index template " + indexNames.templateName()
                        + " is older than this version of the indexer: run `setup` to upgrade it");
            case CURRENT -> {}
        }
        // and it is ours that Elasticsearch will apply, not another with a higher priority
        template.requireApplied(client, indexNames.templateName(), indexNames.indexFor(clock.instant()));
    }

    @Override
    public DocumentSink sink(DeadLetter deadLetter) {
        return new ElasticsearchSink(client, indexNames, bulk, retryPolicy, overwrite, deadLetter)
                .timingBulksWith(bulkLatency)
                .countingNewIndices(NewIndices.existingIn(client, indexNames));
    }

    private java.util.function.Consumer<java.time.Duration> bulkLatency = latency -> {};

    /** Told how long each bulk request of the sinks made from now on took (the run's bulk latency meter). */
    public ElasticsearchTarget timingBulksWith(java.util.function.Consumer<java.time.Duration> latency) {
        this.bulkLatency = latency;
        return this;
    }

    @Override
    public StateStore stateStore(String index) {
        return new ElasticsearchStateStore(ElasticsearchClients.restClient(client), index, retryPolicy, clock);
    }

    @Override
    public io.monitron.indexer.port.ResolvedUserStore resolvedUserStore(String index) {
        return new ElasticsearchResolvedUserStore(ElasticsearchClients.restClient(client), index, clock);
    }

    @Override
    public void close() {
        try {
            client._transport().close();
        } catch (IOException e) {
            // closing the client after the run: nothing left to act on
        }
    }
}
