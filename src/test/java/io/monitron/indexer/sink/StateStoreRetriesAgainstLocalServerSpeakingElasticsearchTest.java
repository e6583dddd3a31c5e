package io.monitron.indexer.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.monitron.indexer.port.CheckpointException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The state store rides out a busy cluster with the same retry policy as bulk requests, against a local HTTP server that
 * answers as Elasticsearch does (HEAD on the index, {@code _search} with hits), first with 503s.
 */
class StateStoreRetriesAgainstLocalServerSpeakingElasticsearchTest {
    private static final RetryPolicy QUICK = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5));

    private HttpServer server;
    private RestClient client;
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-elastic-product", "Elasticsearch");
            if (unavailable.getAndDecrement() > 0) {
                byte[] body = "{\"error\":\"unavailable\",\"status\":503}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(503, body.length);
                exchange.getResponseBody().write(body);
            } else if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
            } else if (exchange.getRequestURI().getPath().endsWith("/_mapping")) {
                byte[] body = ("{\"state\":{\"mappings\":{\"properties\":{\"scope\":{\"type\":\"keyword\"},"
                                + "\"partition\":{\"type\":\"keyword\"}}}}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                byte[] body = "{\"hits\":{\"hits\":[]}}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        client = RestClient.builder(
                        new HttpHost("127.0.0.1", server.getAddress().getPort()))
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.stop(0);
    }

    @Test
    void a503IsRetriedWithTheOneRetryPolicy() {
        unavailable.set(3);
        ElasticsearchStateStore store = new ElasticsearchStateStore(client, "state", QUICK, Clock.systemUTC());

        assertThat(store.load("scope")).isEqualTo(List.of());
        assertThat(requests.get())
                .as("3 refused, then HEAD, _mapping and _search")
                .isEqualTo(6);
    }

    @Test
    void whenRetriesRunOutTheFailureNamesTheStateIndex() {
        unavailable.set(100);
        ElasticsearchStateStore store = new ElasticsearchStateStore(client, "state", QUICK, Clock.systemUTC());

        assertThatThrownBy(() -> store.load("scope"))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("state")
                .hasMessageContaining("503");
        assertThat(requests.get()).isEqualTo(QUICK.maxAttempts());
    }
}
