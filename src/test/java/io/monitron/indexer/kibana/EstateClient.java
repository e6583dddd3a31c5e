package io.monitron.indexer.kibana;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.sink.ElasticsearchClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** An Elasticsearch client for the test cluster (no security), closed after use. */
record EstateClient(ElasticsearchClient client) implements AutoCloseable {

    EstateClient(String url) {
        this(ElasticsearchClients.create(new ElasticsearchSettings(
                List.of(URI.create(url)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false)));
    }

    @Override
    public void close() {
        try {
            client._transport().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
