package io.monitron.indexer.sink;

import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.http.TransportHttpClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hands every request body to the HTTP client as one buffer.
 *
 * <p>Why: the Java client serializes a {@code _bulk} request as a list of small buffers (each action line, each
 * document, each line break), and the Apache async client sends each buffer as its own HTTP chunk, in its own turn of
 * the I/O loop. For 1,000 documents that is about 3,000 chunks per request; measured, it cost the I/O thread more CPU
 * than serializing the documents. One copy into a single buffer makes it a handful of socket writes.
 */
final class ContiguousBodyHttpClient implements TransportHttpClient {
    private final TransportHttpClient delegate;

    ContiguousBodyHttpClient(TransportHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public TransportOptions createOptions(TransportOptions options) {
        return delegate.createOptions(options);
    }

    @Override
    public Response performRequest(String endpointId, Node node, Request request, TransportOptions options)
            throws IOException {
        return delegate.performRequest(endpointId, node, contiguous(request), options);
    }

    @Override
    public CompletableFuture<Response> performRequestAsync(
            String endpointId, Node node, Request request, TransportOptions options) {
        return delegate.performRequestAsync(endpointId, node, contiguous(request), options);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    /** The request with its body in one buffer; the request itself when it has at most one. */
    static Request contiguous(Request request) {
        Iterable<ByteBuffer> body = request.body();
        if (body == null) {
            return request;
        }
        int buffers = 0;
        long length = 0;
        for (ByteBuffer buffer : body) {
            buffers++;
            length += buffer.remaining();
        }
        if (buffers <= 1) {
            return request;
        }
        if (length > Integer.MAX_VALUE) {
            // cannot be one array; Elasticsearch refuses bodies this large anyway (http.max_content_length)
            return request;
        }
        ByteBuffer joined = ByteBuffer.allocate((int) length);
        for (ByteBuffer buffer : body) {
            joined.put(buffer.duplicate());
        }
        joined.flip();
        return new Request(request.method(), request.path(), request.queryParams(), request.headers(), List.of(joined));
    }
}
