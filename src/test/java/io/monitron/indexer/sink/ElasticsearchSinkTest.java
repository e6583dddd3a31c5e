package io.monitron.indexer.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.rest_client.RestClientOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.model.Document;
import io.monitron.indexer.model.Outcome;
import io.monitron.indexer.model.RecordPosition;
import io.monitron.indexer.model.Rejection;
import io.monitron.indexer.port.DeadLetter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The sink against a fake transport that answers bulk requests as Elasticsearch would (as elasticsearch-java's own
 * {@code BulkIngesterTest} does): every document acknowledged exactly once, retries, and failures that end the run
 * instead of hanging it.
 */
class ElasticsearchSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5));
    private static final ElasticsearchSink.BulkSettings SMALL =
            new ElasticsearchSink.BulkSettings(10, 1 << 20, 1, Duration.ofSeconds(1));

    /** Answers each bulk item with the status {@code statusOf} gives for its id (0: the whole request fails). */
    static final class FakeBulkTransport implements ElasticsearchTransport {
        private final Function<String, Integer> statusOf;
        final AtomicInteger requests = new AtomicInteger();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        FakeBulkTransport(Function<String, Integer> statusOf) {
            this.statusOf = statusOf;
        }

        @Override
        public <RequestT, ResponseT, ErrorT> ResponseT performRequest(
                RequestT request, Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options)
                throws IOException {
            throw new IOException("only bulk requests, asynchronously");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <RequestT, ResponseT, ErrorT> CompletableFuture<ResponseT> performRequestAsync(
                RequestT request, Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
            requests.incrementAndGet();
            BulkRequest bulk = (BulkRequest) request;
            List<BulkResponseItem> items = new ArrayList<>();
            for (BulkOperation operation : bulk.operations()) {
                String id = operation.create().id();
                attempts.computeIfAbsent(id, i -> new AtomicInteger()).incrementAndGet();
                int status = statusOf.apply(id);
                if (status == 0) {
                    return CompletableFuture.failedFuture(
                            new ElasticsearchException(endpoint.id(), ErrorResponse.of(e -> e.status(401)
                                    .error(c -> c.type("security_exception").reason("unable to authenticate")))));
                }
                items.add(BulkResponseItem.of(i -> {
                    i.operationType(OperationType.Create)
                            .index(operation.create().index())
                            .id(id)
                            .status(status);
                    if (status >= 300) {
                        i.error(e -> e.type(
                                        status == 409
                                                ? "version_conflict_engine_exception"
                                                : "document_parsing_exception")
                                .reason("refused " + id));
                    }
                    return i;
                }));
            }
            BulkResponse response = BulkResponse.of(r -> r.took(1)
                    .errors(items.stream().anyMatch(i -> i.error() != null))
                    .items(items));
            return CompletableFuture.completedFuture((ResponseT) response);
        }

        @Override
        public JsonpMapper jsonpMapper() {
            return new JacksonJsonpMapper();
        }

        @Override
        public TransportOptions options() {
            return new RestClientOptions(org.elasticsearch.client.RequestOptions.DEFAULT, false);
        }

        @Override
        public void close() {}
    }

    static final class ListDeadLetter implements DeadLetter {
        final List<Rejection> entries = new CopyOnWriteArrayList<>();
        volatile RuntimeException failure;

        @Override
        public void write(Rejection rejection) {
            if (failure != null) {
                throw failure;
            }
            entries.add(rejection);
        }

        @Override
        public long count() {
            return entries.size();
        }

        @Override
        public void close() {}
    }

    private static Document document(String id) {
        var source = JSON.createObjectNode();
        source.put("message", id);
        return new Document(id, Instant.parse("2026-11-01T10:00:00Z"), source, new RecordPosition("f.json", 1));
    }

    private static ElasticsearchSink sink(FakeBulkTransport transport, DeadLetter deadLetter) {
        return new ElasticsearchSink(
                new ElasticsearchClient(transport), new IndexNames("test"), SMALL, QUICK, false, deadLetter);
    }

    /** Adds {@code n} documents and returns each one's outcomes, in the order they came. */
    private static Map<String, List<Outcome>> addAll(ElasticsearchSink sink, int n) {
        Map<String, List<Outcome>> outcomes = new ConcurrentHashMap<>();
        for (int i = 0; i < n; i++) {
            String id = "doc-" + i;
            outcomes.put(id, new CopyOnWriteArrayList<>());
            sink.add(document(id), outcome -> outcomes.get(id).add(outcome));
        }
        return outcomes;
    }

    @Test
    void everyDocumentIsAcknowledgedExactlyOnceWithWhatBecameOfIt() {
        FakeBulkTransport transport = new FakeBulkTransport(id -> switch (id) {
            case "doc-3" -> 409;
            case "doc-7" -> 400;
            default -> 201;
        });
        ListDeadLetter deadLetter = new ListDeadLetter();
        try (ElasticsearchSink sink = sink(transport, deadLetter)) {
            Map<String, List<Outcome>> outcomes = addAll(sink, 25);
            sink.finish();

            assertThat(outcomes)
                    .allSatisfy((id, seen) -> assertThat(seen).as(id).hasSize(1));
            assertThat(outcomes.get("doc-0")).containsExactly(Outcome.INDEXED);
            assertThat(outcomes.get("doc-3")).containsExactly(Outcome.ALREADY_INDEXED);
            assertThat(outcomes.get("doc-7")).containsExactly(Outcome.DEAD_LETTERED);
            assertThat(deadLetter.entries)
                    .singleElement()
                    .satisfies(r -> assertThat(r.reason()).contains("HTTP 400").contains("refused doc-7"));
        }
    }

    @Test
    void pushBackIsRetriedUntilTheDocumentIsIndexed() {
        AtomicInteger refusals = new AtomicInteger();
        FakeBulkTransport transport =
                new FakeBulkTransport(id -> id.equals("doc-1") && refusals.getAndIncrement() < 2 ? 429 : 201);
        try (ElasticsearchSink sink = sink(transport, new ListDeadLetter())) {
            Map<String, List<Outcome>> outcomes = addAll(sink, 5);
            sink.finish();

            assertThat(outcomes.get("doc-1")).containsExactly(Outcome.INDEXED);
            assertThat(transport.attempts.get("doc-1").get()).isEqualTo(3);
        }
    }

    @Test
    void aRefusedRequestFailsTheSinkForGoodAndItSaysSo() {
        FakeBulkTransport transport = new FakeBulkTransport(id -> 0);
        try (ElasticsearchSink sink = sink(transport, new ListDeadLetter())) {
            Map<String, List<Outcome>> outcomes = addAll(sink, 5);

            assertThatThrownBy(sink::finish).isInstanceOf(SinkException.class).hasMessageContaining("401");
            assertThat(sink.failed()).isTrue();
            assertThat(outcomes).allSatisfy((id, seen) -> assertThat(seen).containsExactly(Outcome.FAILED));
        }
    }

    @Test
    void aDeadLetterWriteThatFailsInTheCompletionPathEndsTheSinkInsteadOfHangingIt() {
        FakeBulkTransport transport = new FakeBulkTransport(id -> 400);
        ListDeadLetter deadLetter = new ListDeadLetter();
        deadLetter.failure = new SinkException("cannot write the dead-letter file dl.ndjson: permission denied");
        try (ElasticsearchSink sink = sink(transport, deadLetter)) {
            Map<String, List<Outcome>> outcomes = addAll(sink, 25);

            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(sink::finish)
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining("dl.ndjson"));
            assertThat(outcomes).as("not dead-lettered, so not accounted for").allSatisfy((id, seen) -> assertThat(seen)
                    .containsExactly(Outcome.FAILED));
        }
    }

    @Test
    void anAcknowledgementThatThrowsDoesNotKeepTheOthersFromTheirs() {
        FakeBulkTransport transport = new FakeBulkTransport(id -> 201);
        try (ElasticsearchSink sink = sink(transport, new ListDeadLetter())) {
            List<String> acknowledged = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 10; i++) {
                String id = "doc-" + i;
                sink.add(document(id), outcome -> {
                    if (id.equals("doc-2")) {
                        throw new IllegalStateException("a listener bug");
                    }
                    acknowledged.add(id);
                });
            }

            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(sink::finish)
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining("a listener bug"));
            assertThat(acknowledged).hasSize(9);
        }
    }
}
