package io.monitron.indexer.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.BinaryData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.concurrent.DaemonThreads;
import io.monitron.indexer.model.Acknowledgement;
import io.monitron.indexer.model.Document;
import io.monitron.indexer.model.Outcome;
import io.monitron.indexer.model.RecordPosition;
import io.monitron.indexer.model.Rejection;
import io.monitron.indexer.port.DeadLetter;
import io.monitron.indexer.port.DocumentSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes documents with elasticsearch-java's {@link BulkIngester}. Each operation carries its {@link Pending} context,
 * so every item of every response maps back to its document and source position.
 *
 * <ul>
 *   <li>Ids are event ids and operations are {@code create}: a re-run or a duplicate event answers 409, counted as
 *       {@link Outcome#ALREADY_INDEXED}, and changes nothing. With {@code overwrite}, {@code index} replaces instead.
 *   <li>Items refused with 429 or 5xx, and whole requests that failed on the network or with 429/5xx, are retried
 *       through the {@link RetryPolicy}; other item errors (e.g. mapping errors) are dead-lettered with their reason.
 *   <li>When retries run out, the sink fails for good: the remaining documents are acknowledged {@link
 *       Outcome#FAILED} and {@link #finish} throws.
 *   <li>{@link #add} blocks while {@code maxConcurrentRequests} requests are in flight and the buffer is full.
 * </ul>
 */
public final class ElasticsearchSink implements DocumentSink {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSink.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * What the sink reads of a {@code _bulk} response: each item's status and error (and the fields the client's
     * response model requires). Leaving out the rest (version, sequence numbers, shard counts) halves the response
     * Elasticsearch writes and the client parses.
     */
    private static final String BULK_RESPONSE_FIELDS = "took,errors,items.*._index,items.*.status,items.*.error";

    private final BulkIngester<Pending> ingester;
    private final ScheduledExecutorService retryScheduler;
    private final java.util.concurrent.ExecutorService completions;
    private final RetryPolicy retryPolicy;
    private final IndexNames indexNames;
    private final boolean overwrite;
    private final DeadLetter deadLetter;

    private final AtomicLong outstanding = new AtomicLong();
    private final Object idle = new Object();
    private final AtomicReference<SinkException> failure = new AtomicReference<>();
    private volatile boolean stopping;

    /** The context of one operation: what to retry, whom to tell, and its exact size in a bulk body. */
    record Pending(
            BulkOperation operation,
            RecordPosition position,
            Acknowledgement acknowledgement,
            int attempt,
            long bytes) {
        Pending nextAttempt() {
            return new Pending(operation, position, acknowledgement, attempt + 1, bytes);
        }
    }

    /** Serializes adds, so the size check and the add that follows it see the same buffer. */
    private final Object adding = new Object();
    /** Bytes of the operations added and not yet taken into a request (exact: action line, document, newlines). */
    private final AtomicLong buffered = new AtomicLong();
    /** The largest request body to send; halved when the cluster answers 413 (its http.max_content_length). */
    private volatile long requestLimit;

    public ElasticsearchSink(
            ElasticsearchClient client,
            IndexNames indexNames,
            BulkSettings bulk,
            RetryPolicy retryPolicy,
            boolean overwrite,
            DeadLetter deadLetter) {
        this.indexNames = indexNames;
        this.retryPolicy = retryPolicy;
        this.overwrite = overwrite;
        this.deadLetter = deadLetter;
        this.retryScheduler = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("bulk-retry"));
        this.completions = Executors.newSingleThreadExecutor(new DaemonThreads("bulk-completion"));
        ElasticsearchTransport transport = new CompletionHandoffTransport(client._transport(), completions);
        ElasticsearchClient handingOff = new ElasticsearchClient(
                transport,
                transport.options().toBuilder()
                        .setParameter("filter_path", BULK_RESPONSE_FIELDS)
                        .build());
        this.requestLimit = bulk.maxBytes();
        // the size bound is kept here, exactly and before an add (the ingester's own check comes after it)
        this.ingester = BulkIngester.of(b -> b.client(handingOff)
                .maxOperations(bulk.maxActions())
                .maxSize(Long.MAX_VALUE / 2)
                .maxConcurrentRequests(bulk.maxConcurrentRequests())
                .flushInterval(bulk.flushInterval().toMillis(), TimeUnit.MILLISECONDS)
                .listener(new Listener()));
    }

    /** Bulk request sizing. */
    public record BulkSettings(
            int maxActions, long maxBytes, int maxConcurrentRequests, java.time.Duration flushInterval) {
        public static final BulkSettings DEFAULT =
                new BulkSettings(1000, 5L * 1024 * 1024, 2, java.time.Duration.ofSeconds(5));
    }

    @Override
    public void add(Document document, Acknowledgement acknowledgement) {
        if (failure.get() != null) {
            acknowledgement.acknowledge(Outcome.FAILED);
            return;
        }
        byte[] body;
        try {
            body = MAPPER.writeValueAsBytes(document.source());
        } catch (JsonProcessingException e) {
            // cannot happen for a tree built by the transformer; keep it as data anyway
            deadLetter.write(new Rejection(document.position(), "cannot serialize document: " + e.getMessage(), null));
            acknowledgement.acknowledge(Outcome.DEAD_LETTERED);
            return;
        }
        String index = indexNames.indexFor(document.timestamp());
        if (newIndices.writingTo(index)) {
            LOG.warn(
                    "this run writes to more than {} indices that did not exist before (event times spread over many"
                            + " {}s); past the cluster's shard limit they will be refused: for sparse history, index it with"
                            + " --index-granularity year (and its own --index-prefix)",
                    NewIndices.WARN_AFTER,
                    indexNames.granularity().name().toLowerCase(java.util.Locale.ROOT));
        }
        BinaryData data = BinaryData.of(body, "application/json");
        BulkOperation operation = overwrite
                ? BulkOperation.of(
                        o -> o.index(i -> i.index(index).id(document.id()).document(data)))
                : BulkOperation.of(
                        o -> o.create(c -> c.index(index).id(document.id()).document(data)));
        outstanding.incrementAndGet();
        enqueue(new Pending(operation, document.position(), acknowledgement, 1, bulkBytes(operation, index, body)));
    }

    /**
     * Adds an operation, sending what is buffered first when the operation would take the request past the bound: a
     * request is never larger than {@code maxBytes}, except for a single document larger than that, which goes alone.
     */
    private void enqueue(Pending pending) {
        synchronized (adding) {
            if (buffered.get() > 0 && buffered.get() + pending.bytes() > requestLimit) {
                ingester.flush(); // takes the buffered operations into a request (beforeBulk subtracts them)
            }
            buffered.addAndGet(pending.bytes());
            ingester.add(pending.operation(), pending);
        }
    }

    /** The operation's bytes in a bulk body: its action line, the document and two newlines. */
    private static long bulkBytes(BulkOperation operation, String index, byte[] body) {
        com.fasterxml.jackson.databind.node.ObjectNode action = MAPPER.createObjectNode();
        action.putObject(operation.isCreate() ? "create" : "index")
                .put(
                        "_id",
                        operation.isCreate()
                                ? operation.create().id()
                                : operation.index().id())
                .put("_index", index);
        try {
            return MAPPER.writeValueAsBytes(action).length + body.length + 2L;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void finish() {
        ingester.flush();
        synchronized (idle) {
            while (outstanding.get() > 0) {
                try {
                    idle.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SinkException("interrupted while waiting for Elasticsearch", e);
                }
                ingester.flush();
            }
        }
        SinkException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public void close() {
        ingester.close();
        retryScheduler.shutdownNow();
        completions.shutdownNow();
    }

    @Override
    public void stopRetrying() {
        stopping = true;
    }

    @Override
    public boolean failed() {
        return failure.get() != null;
    }

    /** Tells the document's acknowledgement, once; a throwing acknowledgement fails the sink but not the others. */
    private void done(Pending pending, Outcome outcome) {
        try {
            pending.acknowledgement().acknowledge(outcome);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, new SinkException("acknowledging " + pending.position() + " failed: " + e, e));
        } finally {
            if (outstanding.decrementAndGet() == 0) {
                synchronized (idle) {
                    idle.notifyAll();
                }
            }
        }
    }

    private void retry(Pending pending, String reason) {
        if (failure.get() != null || stopping) {
            done(pending, Outcome.FAILED);
            return;
        }
        if (!retryPolicy.allowsAnotherAfter(pending.attempt())) {
            failure.compareAndSet(
                    null,
                    new SinkException("Elasticsearch did not accept documents after " + pending.attempt()
                            + " attempts (last error: " + reason + "); nothing unacknowledged was marked done, a re-run"
                            + " will pick it up"));
            done(pending, Outcome.FAILED);
            return;
        }
        java.time.Duration delay = retryPolicy.delayAfter(pending.attempt());
        LOG.debug("retrying {} in {} ms after: {}", pending.position(), delay.toMillis(), reason);
        retryScheduler.schedule(
                () -> {
                    if (failure.get() != null || stopping) {
                        done(pending, Outcome.FAILED);
                    } else {
                        enqueue(pending.nextAttempt());
                    }
                },
                delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Dead-letters a refused document. When the dead-letter place cannot take it, the document is not accounted for:
     * it is acknowledged {@link Outcome#FAILED} (its input is not marked done) and the sink fails for good, so the run
     * ends instead of waiting for acknowledgements that would never come.
     */
    private void deadLetter(Pending pending, String reason) {
        try {
            deadLetter.write(new Rejection(pending.position(), reason, rawOf(pending.operation())));
        } catch (RuntimeException e) {
            failure.compareAndSet(
                    null,
                    e instanceof SinkException sinkException
                            ? sinkException
                            : new SinkException("cannot write a dead letter: " + e, e));
            done(pending, Outcome.FAILED);
            return;
        }
        done(pending, Outcome.DEAD_LETTERED);
    }

    /**
     * A block on the index or the cluster (a write block, a read-only index after the disk filled up): the cluster
     * refuses every document the same way until someone lifts it, so it is reported once and retried like push-back,
     * not dead-lettered document by document.
     */
    static boolean isWriteBlock(ErrorCause error) {
        return error != null && "cluster_block_exception".equals(error.type());
    }

    /** When each bulk request in flight was sent, by the ingester's execution id. */
    private final java.util.Map<Long, Long> started = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile java.util.function.Consumer<java.time.Duration> bulkLatency = latency -> {};
    private volatile NewIndices newIndices = new NewIndices(java.util.Set.of());

    /** Counts the indices this run creates, to warn once when event times spread over too many of them. */
    public ElasticsearchSink countingNewIndices(NewIndices newIndices) {
        this.newIndices = newIndices;
        return this;
    }

    /** Told how long each bulk request took, from sending to its response (e.g. a meter). Must not block. */
    public ElasticsearchSink timingBulksWith(java.util.function.Consumer<java.time.Duration> latency) {
        this.bulkLatency = latency;
        return this;
    }

    private void timed(long executionId) {
        Long sent = started.remove(executionId);
        if (sent != null) {
            bulkLatency.accept(java.time.Duration.ofNanos(System.nanoTime() - sent));
        }
    }

    private final class Listener implements BulkListener<Pending> {
        private boolean warnedRetry;
        private boolean warnedBlock;

        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<Pending> contexts) {
            started.put(executionId, System.nanoTime());
            long bytes = 0;
            for (Pending pending : contexts) {
                bytes += pending.bytes();
            }
            buffered.addAndGet(-bytes);
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Pending> contexts, BulkResponse response) {
            timed(executionId);
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < contexts.size(); i++) {
                Pending pending = contexts.get(i);
                BulkResponseItem item = i < items.size() ? items.get(i) : null;
                if (item == null) {
                    retry(pending, "no response item");
                } else if (item.error() == null) {
                    done(pending, Outcome.INDEXED);
                } else if (item.status() == 409 && !overwrite) {
                    done(pending, Outcome.ALREADY_INDEXED);
                } else if (isWriteBlock(item.error())) {
                    if (!warnedBlock) {
                        LOG.warn(
                                "Elasticsearch refuses writes to {} ({}); retrying with backoff: lift the block (e.g."
                                        + " PUT {}/_settings {{\"index.blocks.write\": false}}) or free disk space",
                                item.index(),
                                describe(item.error()),
                                item.index());
                        warnedBlock = true;
                    }
                    retry(pending, "HTTP " + item.status() + " " + describe(item.error()));
                } else if (RetryPolicy.retryableStatus(item.status())) {
                    if (!warnedRetry) {
                        LOG.warn("Elasticsearch pushed back (HTTP {}); retrying with backoff", item.status());
                        warnedRetry = true;
                    }
                    retry(pending, "HTTP " + item.status() + " " + describe(item.error()));
                } else {
                    deadLetter(
                            pending,
                            "Elasticsearch rejected the document (HTTP " + item.status() + "): "
                                    + describe(item.error()));
                }
            }
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Pending> contexts, Throwable failure) {
            timed(executionId);
            Throwable cause = failure;
            if ((cause instanceof CompletionException || cause instanceof ExecutionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            String reason = describe(cause);
            if (status(cause) == 413) {
                tooLarge(contexts);
            } else if (isRetryable(cause)) {
                LOG.warn("bulk request failed ({}); retrying {} documents with backoff", reason, contexts.size());
                contexts.forEach(p -> retry(p, reason));
            } else {
                ElasticsearchSink.this.failure.compareAndSet(
                        null, new SinkException("Elasticsearch refused a bulk request: " + reason, cause));
                contexts.forEach(p -> done(p, Outcome.FAILED));
            }
        }
    }

    /**
     * The cluster refused a request as larger than its {@code http.max_content_length} (HTTP 413): send smaller ones
     * from now on (half this one) and send these documents again; a single document that is still too large is
     * dead-lettered with that reason, and the run goes on.
     */
    private void tooLarge(List<Pending> contexts) {
        if (contexts.size() == 1) {
            Pending alone = contexts.get(0);
            LOG.warn(
                    "{}: the document ({} bytes) is larger than Elasticsearch accepts in one request",
                    alone.position(),
                    alone.bytes());
            deadLetter(
                    alone,
                    "Elasticsearch refused the document as too large (HTTP 413): its " + alone.bytes()
                            + " bytes exceed the cluster's http.max_content_length");
            return;
        }
        long bytes = contexts.stream().mapToLong(Pending::bytes).sum();
        long smaller = Math.max(1, bytes / 2);
        if (smaller < requestLimit) {
            requestLimit = smaller;
            LOG.warn(
                    "Elasticsearch refused a {}-byte bulk request as too large (HTTP 413); sending at most {} bytes"
                            + " per request from now on (lower --bulk-size-mb to avoid this)",
                    bytes,
                    smaller);
        }
        for (Pending pending : contexts) {
            retryScheduler.execute(() -> {
                if (failure.get() != null || stopping) {
                    done(pending, Outcome.FAILED);
                } else {
                    enqueue(pending);
                }
            });
        }
    }

    /** The HTTP status a failed request was answered with, or 0. */
    static int status(Throwable cause) {
        if (cause instanceof ElasticsearchException e) {
            return e.status();
        }
        if (cause instanceof TransportException e) {
            return Math.max(0, e.statusCode());
        }
        if (cause instanceof org.elasticsearch.client.ResponseException e) {
            return e.getResponse().getStatusLine().getStatusCode();
        }
        return 0;
    }

    /** An answer the cluster may change its mind about (429, 5xx), or no answer at all (the network). */
    static boolean isRetryable(Throwable cause) {
        int status = status(cause);
        return status > 0
                ? RetryPolicy.retryableStatus(status)
                : cause instanceof TransportException || cause instanceof IOException;
    }

    static String describe(Throwable cause) {
        if (cause instanceof ElasticsearchException e) {
            return "HTTP " + e.status() + " " + describe(e.error());
        }
        if (cause instanceof TransportException e && e.statusCode() > 0) {
            return "HTTP " + e.statusCode() + " " + firstLine(e.getMessage());
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message));
    }

    private static String describe(ErrorCause error) {
        if (error == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(error.type());
        if (error.reason() != null) {
            text.append(": ").append(firstLine(error.reason()));
        }
        if (error.causedBy() != null && error.causedBy().reason() != null) {
            text.append(" (caused by ")
                    .append(error.causedBy().type())
                    .append(": ")
                    .append(firstLine(error.causedBy().reason()))
                    .append(')');
        }
        return text.toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl >= 0 ? s.substring(0, nl) : s;
        return line.length() > 500 ? line.substring(0, 500) + "..." : line;
    }

    /** The raw event for a dead-letter entry: event.original when the document kept it, else the document itself. */
    private static String rawOf(BulkOperation operation) {
        Object document = operation.isCreate()
                ? operation.create().document()
                : operation.index().document();
        if (!(document instanceof BinaryData data)) {
            return null;
        }
        try {
            byte[] body = data.asByteBuffer().array();
            JsonNode tree = MAPPER.readTree(body);
            JsonNode original = tree.path("event").path("original");
            return original.isTextual() ? original.asText() : new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
