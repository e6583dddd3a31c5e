package io.monitron.indexer.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy between the indexer and the real Elasticsearch that injects faults on command: whole bulk requests
 * answered 429/503, single bulk items answered 429 (removed from the request before it is forwarded, so they are
 * really not written), an outage (the port refuses connections for a while), and a held bulk request. It records the
 * {@code Authorization} headers it sees. Fault triggers count requests, never time, except the outage length, which is
 * the fault being simulated.
 */
final class FaultProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding", "accept-encoding");

    private final URI target;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fault-proxy-timer");
        t.setDaemon(true);
        return t;
    });
    private final int port;
    private volatile HttpServer server;

    private final AtomicInteger bulkRequests = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicInteger outages = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Set<String> itemsFailedOnce = ConcurrentHashMap.newKeySet();

    private volatile int rejectEveryNthBulk;
    private volatile int rejectStatus;
    private volatile int failEveryNthItemOnce;
    private volatile int outageAfterBulk = -1;
    private volatile int refuseBodiesOver = Integer.MAX_VALUE;
    private final java.util.concurrent.atomic.AtomicInteger largestBulkBody =
            new java.util.concurrent.atomic.AtomicInteger();
    private volatile Duration outageLength;
    private volatile CountDownLatch bulkArrived;
    private volatile CountDownLatch releaseBulk;

    private FaultProxy(URI target) {
        this.target = target;
        this.server = bind(0);
        this.port = server.getAddress().getPort();
    }

    /** A proxy on a free local port forwarding to {@code target} (e.g. {@code http://127.0.0.1:9200}). */
    static FaultProxy forwardingTo(String target) {
        return new FaultProxy(URI.create(target));
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Answer every {@code n}th bulk request with {@code status} without forwarding it. */
    FaultProxy rejectEveryNthBulk(int n, int status) {
        this.rejectEveryNthBulk = n;
        this.rejectStatus = status;
        return this;
    }

    /** Answer every {@code n}th bulk item with 429 the first time its id is seen; it is not forwarded. */
    FaultProxy failEveryNthItemOnce(int n) {
        this.failEveryNthItemOnce = n;
        return this;
    }

    /** After forwarding bulk request number {@code n}, refuse connections for {@code length} (null: for good). */
    FaultProxy outageAfterBulk(int n, Duration length) {
        this.outageAfterBulk = n;
        this.outageLength = length;
        return this;
    }

    /** Answer bulk requests whose body is larger than {@code bytes} with 413, as a cluster's http.max_content_length. */
    FaultProxy refuseBulkBodiesOver(int bytes) {
        this.refuseBodiesOver = bytes;
        return this;
    }

    /** The largest bulk request body seen, in bytes. */
    int largestBulkBody() {
        return largestBulkBody.get();
    }

    /** Hold the first bulk request until {@link #releaseHeldBulk()}; {@link #awaitHeldBulk} waits for it. */
    FaultProxy holdFirstBulk() {
        this.bulkArrived = new CountDownLatch(1);
        this.releaseBulk = new CountDownLatch(1);
        return this;
    }

    boolean awaitHeldBulk(Duration timeout) throws InterruptedException {
        return bulkArrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void releaseHeldBulk() {
        releaseBulk.countDown();
    }

    int bulkRequests() {
        return bulkRequests.get();
    }

    /** Waits until {@code n} bulk requests have arrived (or {@code timeout} has passed); returns whether they did. */
    boolean awaitBulkRequests(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (bulkRequests) {
            while (bulkRequests.get() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(bulkRequests, left);
            }
            return true;
        }
    }

    /** Bulk requests and items answered with an injected error. */
    int injectedFaults() {
        return injected.get();
    }

    int outages() {
        return outages.get();
    }

    List<String> authorizationHeaders() {
        return List.copyOf(authorizations);
    }

    @Override
    public void close() {
        HttpServer s = server;
        if (s != null) {
            s.stop(0);
        }
        timer.shutdownNow();
        handlers.shutdownNow();
    }

    private HttpServer bind(int port) {
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
                s.setExecutor(handlers);
                s.createContext("/", this::handle);
                s.start();
                return s;
            } catch (BindException e) {
                // the old listener's port may linger for a moment after an outage
                last = e;
                Thread.onSpinWait();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new UncheckedIOException("cannot listen on port " + port + " again", last);
    }

    private void startOutage() {
        outages.incrementAndGet();
        HttpServer s = server;
        server = null;
        s.stop(0);
        Duration length = outageLength;
        if (length != null) {
            timer.schedule(() -> server = bind(port), length.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            boolean bulk =
                    path.endsWith("/_bulk") && exchange.getRequestMethod().equals("POST");
            if (!bulk) {
                forwardAndReply(exchange, body);
                return;
            }
            int number = bulkRequests.incrementAndGet();
            synchronized (bulkRequests) {
                bulkRequests.notifyAll();
            }
            largestBulkBody.accumulateAndGet(body.length, Math::max);
            if (body.length > refuseBodiesOver) {
                injected.incrementAndGet();
                send(exchange, 413, new byte[0]);
                return;
            }
            CountDownLatch arrived = bulkArrived;
            if (arrived != null && arrived.getCount() > 0) {
                arrived.countDown();
                awaitQuietly(releaseBulk);
            }
            if (rejectEveryNthBulk > 0 && number % rejectEveryNthBulk == 0) {
                injected.incrementAndGet();
                reply(
                        exchange,
                        rejectStatus,
                        "{\"error\":{\"type\":\"injected\",\"reason\":\"injected by the test proxy\"},\"status\":"
                                + rejectStatus + "}");
                return;
            }
            if (failEveryNthItemOnce > 0) {
                bulkWithFailedItems(exchange, body);
            } else {
                forwardAndReply(exchange, body);
            }
            if (number == outageAfterBulk) {
                timer.execute(this::startOutage);
            }
        } finally {
            exchange.close();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes the chosen items out of the request, forwards the rest, and answers 429 for them in their places. */
    private void bulkWithFailedItems(HttpExchange exchange, byte[] body) throws IOException {
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
        List<String> forwarded = new ArrayList<>();
        List<ObjectNode> failedItems = new ArrayList<>(); // null entries: take the next real item
        int item = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode action = Events.JSON.readTree(lines[i]);
            String op = action.fieldNames().next();
            boolean hasSource = !op.equals("delete");
            String id = action.path(op).path("_id").asText();
            item++;
            if (item % failEveryNthItemOnce == 0 && itemsFailedOnce.add(id)) {
                injected.incrementAndGet();
                ObjectNode failed = Events.JSON.createObjectNode();
                failed.putObject(op)
                        .put("_index", action.path(op).path("_index").asText())
                        .put("_id", id)
                        .put("status", 429)
                        .putObject("error")
                        .put("type", "es_rejected_execution_exception")
                        .put("reason", "injected by the test proxy");
                failedItems.add(failed);
            } else {
                failedItems.add(null);
                forwarded.add(lines[i]);
                if (hasSource) {
                    forwarded.add(lines[i + 1]);
                }
            }
            if (hasSource) {
                i++;
            }
        }
        ArrayNode realItems = Events.JSON.createArrayNode();
        ObjectNode response = Events.JSON.createObjectNode().put("took", 1).put("errors", true);
        if (!forwarded.isEmpty()) {
            HttpResponse<byte[]> real = forward(exchange, utf8Lines(forwarded));
            if (real.statusCode() != 200) {
                reply(exchange, real);
                return;
            }
            JsonNode parsed = Events.JSON.readTree(real.body());
            realItems = (ArrayNode) parsed.path("items");
        }
        ArrayNode items = response.putArray("items");
        int next = 0;
        for (ObjectNode failed : failedItems) {
            items.add(failed != null ? failed : realItems.get(next++));
        }
        reply(exchange, 200, response.toString());
    }

    private static byte[] utf8Lines(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void forwardAndReply(HttpExchange exchange, byte[] body) throws IOException {
        reply(exchange, forward(exchange, body));
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(target + exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(120))
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header :
                exchange.getRequestHeaders().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(name) || name.equals("authorization")) {
                continue; // the shared cluster runs without security: credentials are recorded, not forwarded
            }
            header.getValue().forEach(v -> request.header(header.getKey(), v));
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void reply(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        send(exchange, response.statusCode(), response.body());
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Elastic-Product", "Elasticsearch");
        send(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
