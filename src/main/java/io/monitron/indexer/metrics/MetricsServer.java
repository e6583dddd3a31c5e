package io.monitron.indexer.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.monitron.indexer.concurrent.DaemonThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoints of a long-running index ({@code --metrics-port}), on the JDK's own HTTP server:
 *
 * <ul>
 *   <li>{@code GET /metrics}: every meter of {@link #registry()} in Prometheus text format (version 0.0.4), or
 *       OpenMetrics when the scraper asks for it;
 *   <li>{@code GET /health}: {@code 200 ok} while the health check says so, {@code 503 unhealthy} otherwise: for
 *       Kubernetes liveness and readiness probes.
 * </ul>
 *
 * Whoever builds the run registers its meters in {@link #registry()}; the SQS source registers its own there too.
 * Binds all interfaces (a pod's probes and scrapers come from outside it); port 0 picks a free port.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final PrometheusMeterRegistry registry;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newSingleThreadExecutor(new DaemonThreads("metrics-http"));

    private MetricsServer(PrometheusMeterRegistry registry, HttpServer server) {
        this.registry = registry;
        this.server = server;
    }

    /** A fresh Prometheus registry for {@link #start}, with the JVM's memory, threads, CPU and uptime. */
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /**
     * Serves {@code registry} and {@code healthy} on {@code port}.
     *
     * @throws UncheckedIOException when the port cannot be bound (in use, not allowed)
     */
    public static MetricsServer start(int port, PrometheusMeterRegistry registry, BooleanSupplier healthy) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve /metrics on port " + port + ": " + e.getMessage(), e);
        }
        MetricsServer metrics = new MetricsServer(registry, server);
        server.createContext("/metrics", metrics::metrics);
        server.createContext("/health", exchange -> health(exchange, healthy));
        server.setExecutor(metrics.threads);
        server.start();
        LOG.info("serving /metrics and /health on port {}", metrics.port());
        return metrics;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The port bound (the chosen one when started with 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void metrics(HttpExchange exchange) throws IOException {
        if (!get(exchange)) {
            return;
        }
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        boolean openMetrics = accept != null && accept.contains("application/openmetrics-text");
        String body = openMetrics
                ? registry.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8")
                : registry.scrape();
        respond(
                exchange,
                200,
                openMetrics
                        ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                        : "text/plain; version=0.0.4; charset=utf-8",
                body);
    }

    private static void health(HttpExchange exchange, BooleanSupplier healthy) throws IOException {
        if (!get(exchange)) {
            return;
        }
        boolean ok;
        try {
            ok = healthy.getAsBoolean();
        } catch (RuntimeException e) {
            ok = false;
        }
        respond(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "unhealthy\n");
    }

    private static boolean get(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().add("Allow", "GET, HEAD");
        respond(exchange, 405, "text/plain; charset=utf-8", "only GET\n");
        return false;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
