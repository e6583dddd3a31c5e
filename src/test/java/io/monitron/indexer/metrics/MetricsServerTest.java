package io.monitron.indexer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operations endpoints over real HTTP on a free port. */
class MetricsServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private PrometheusMeterRegistry registry;
    private MetricsServer server;

    @BeforeEach
    void start() {
        registry = MetricsServer.newRegistry();
        server = MetricsServer.start(0, registry, healthy::get);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsServesTheRegisteredMetersInPrometheusTextFormat() throws Exception {
        Counter documents = Counter.builder("indexer.documents.indexed")
                .description("Documents Elasticsearch took")
                .register(server.registry());
        documents.increment(42);

        HttpResponse<String> response = get("/metrics", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body())
                .contains("# TYPE indexer_documents_indexed_total counter")
                .contains("indexer_documents_indexed_total 42.0")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void metricsAnswersOpenMetricsWhenTheScraperAsksForIt() throws Exception {
        HttpResponse<String> response = get("/metrics", "application/openmetrics-text; version=1.0.0");

        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/openmetrics-text"));
        assertThat(response.body()).endsWith("# EOF\n");
    }

    @Test
    void healthFollowsTheHealthCheck() throws Exception {
        assertThat(get("/health", null).statusCode()).isEqualTo(200);

        healthy.set(false);

        HttpResponse<String> unhealthy = get("/health", null);
        assertThat(unhealthy.statusCode()).isEqualTo(503);
        assertThat(unhealthy.body()).isEqualTo("unhealthy\n");
    }

    @Test
    void onlyGetIsAnswered() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
    }
}
