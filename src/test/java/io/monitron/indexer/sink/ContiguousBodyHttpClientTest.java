package io.monitron.indexer.sink;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.http.TransportHttpClient;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ContiguousBodyHttpClientTest {
    private static final TransportHttpClient.Node NODE =
            new TransportHttpClient.Node(URI.create("http://localhost:9200/"));

    /** Keeps the requests it is given; answers nothing. */
    private static final class Recorder implements TransportHttpClient {
        final List<Request> requests = new ArrayList<>();

        @Override
        public Response performRequest(String endpointId, Node node, Request request, TransportOptions options) {
            requests.add(request);
            return null;
        }

        @Override
        public CompletableFuture<Response> performRequestAsync(
                String endpointId, Node node, Request request, TransportOptions options) {
            requests.add(request);
            return new CompletableFuture<>();
        }

        @Override
        public void close() {}
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void aBulkBodyOfManyBuffersReachesTheClientAsOneWithTheSameBytesInOrder() {
        ByteBuffer action = bytes("{\"create\":{\"_id\":\"a\"}}");
        ByteBuffer document = bytes("xx{\"é\":1}");
        document.position(2); // only the remaining bytes are the body's
        ByteBuffer newline = bytes("\n");
        TransportHttpClient.Request request = new TransportHttpClient.Request(
                "POST",
                "/_bulk",
                Map.of("filter_path", "errors"),
                Map.of("Content-Type", "application/x-ndjson"),
                List.of(action, document, newline, action, document, newline));
        Recorder recorder = new Recorder();

        new ContiguousBodyHttpClient(recorder).performRequestAsync("bulk", NODE, request, null);

        TransportHttpClient.Request sent = recorder.requests.get(0);
        List<ByteBuffer> body = new ArrayList<>();
        sent.body().forEach(body::add);
        assertThat(body).hasSize(1);
        String once = "{\"create\":{\"_id\":\"a\"}}{\"é\":1}\n";
        assertThat(text(body.get(0))).isEqualTo(once + once);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/_bulk");
        assertThat(sent.queryParams()).containsEntry("filter_path", "errors");
        assertThat(sent.headers()).containsEntry("Content-Type", "application/x-ndjson");
        // the caller's buffers are left as they were (a retry may send them again)
        assertThat(document.position()).isEqualTo(2);
        assertThat(action.remaining()).isEqualTo(action.capacity());
    }

    @Test
    void requestsWithoutBodyOrWithOneBufferPassUnchanged() throws Exception {
        TransportHttpClient.Request noBody =
                new TransportHttpClient.Request("GET", "/_cluster/health", Map.of(), Map.of(), null);
        TransportHttpClient.Request oneBuffer =
                new TransportHttpClient.Request("PUT", "/x", Map.of(), Map.of(), List.of(bytes("{}")));
        Recorder recorder = new Recorder();
        ContiguousBodyHttpClient client = new ContiguousBodyHttpClient(recorder);

        client.performRequest("health", NODE, noBody, null);
        client.performRequest("put", NODE, oneBuffer, null);

        assertThat(recorder.requests).containsExactly(noBody, oneBuffer);
    }
}
