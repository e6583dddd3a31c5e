package io.monitron.indexer.sink;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.TransportOptions;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Completes asynchronous requests on {@code executor} instead of the HTTP client's I/O thread.
 *
 * <p>Why: when a connection cannot be made, Apache's async client fails the request from inside its connection pool,
 * holding the pool's lock; {@code BulkIngester}'s completion handler then takes the ingester's lock. Meanwhile another
 * thread flushing the ingester holds the ingester's lock and waits for the pool's lock to send: a deadlock, seen when
 * Elasticsearch went away mid-run. Handing completions to another thread breaks the cycle.
 */
final class CompletionHandoffTransport implements ElasticsearchTransport {
    private final ElasticsearchTransport delegate;
    private final Executor executor;

    CompletionHandoffTransport(ElasticsearchTransport delegate, Executor executor) {
        this.delegate = delegate;
        this.executor = executor;
    }

    @Override
    public <RequestT, ResponseT, ErrorT> ResponseT performRequest(
            RequestT request, Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options)
            throws IOException {
        return delegate.performRequest(request, endpoint, options);
    }

    @Override
    public <RequestT, ResponseT, ErrorT> CompletableFuture<ResponseT> performRequestAsync(
            RequestT request, Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
        CompletableFuture<ResponseT> handedOff = new CompletableFuture<>();
        delegate.performRequestAsync(request, endpoint, options)
                .whenCompleteAsync(
                        (response, failure) -> {
                            if (failure != null) {
                                handedOff.completeExceptionally(failure);
                            } else {
                                handedOff.complete(response);
                            }
                        },
                        executor);
        return handedOff;
    }

    @Override
    public JsonpMapper jsonpMapper() {
        return delegate.jsonpMapper();
    }

    @Override
    public TransportOptions options() {
        return delegate.options();
    }

    @Override
    public void close() throws IOException {
        // the caller owns the delegate
    }
}
