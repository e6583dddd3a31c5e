package io.monitron.indexer.sink;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransportBase;
import co.elastic.clients.transport.rest_client.RestClientHttpClient;
import org.elasticsearch.client.RestClient;

/**
 * The Java client's transport over the low-level {@link RestClient}, as {@code RestClientTransport}, except that request
 * bodies go out as one buffer ({@link ContiguousBodyHttpClient}). Closing it closes the REST client.
 */
final class RestTransport extends ElasticsearchTransportBase {
    private final RestClient restClient;

    RestTransport(RestClient restClient, JsonpMapper mapper) {
        super(new ContiguousBodyHttpClient(new RestClientHttpClient(restClient)), null, mapper);
        this.restClient = restClient;
    }

    /** The low-level client, for requests the Java client has no API for. */
    RestClient restClient() {
        return restClient;
    }
}
