package io.monitron.indexer.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.testing.CliRunner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code local-elasticsearch start|status|stop} against the distribution the build unpacked: one node of its own
 * (any free port, 512 MB heap), started once for the class through the command line, as a user would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalElasticsearchIT {

    private static final Path STATE_DIR = Path.of("target", "local-elasticsearch-it");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static LocalElasticsearch local;
    private static CliRunner.Result firstStart;
    private static RunningNode node;

    @BeforeAll
    static void startANodeOfItsOwn() throws IOException {
        local = LocalElasticsearch.in(STATE_DIR);
        local.stop(); // a node left by an interrupted run
        deleteTree(local.files().nodeDir());
        deleteTree(local.files().stateDir());
        firstStart = cli("start", "--port", "0", "--heap", "512m");
        assertThat(firstStart.exitCode()).as(firstStart.err()).isZero();
        node = local.status().orElseThrow(() -> new AssertionError("started but not answering: " + firstStart));
    }

    @AfterAll
    static void stopIt() {
        if (local != null) {
            local.stop();
        }
    }

    @Test
    @Order(1)
    void refusesAnonymousRequests() throws Exception {
        HttpResponse<String> anonymous = get(node.url().resolve("/_cluster/health"), Optional.empty());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        HttpResponse<String> elastic = get(node.url().resolve("/_cluster/health"), Optional.of(password()));
        assertThat(elastic.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void keepsTheSecretsInFilesOnlyTheUserCanReadAndNeverPrintsThem() throws IOException {
        for (Path secret : List.of(
                local.files().passwordFile(),
                local.files().netrcFile(),
                local.files().kibanaEnvFile())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
                    .as(secret.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(firstStart.out() + firstStart.err()).doesNotContain(password());
        CliRunner.Result status = cli("status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out())
                .contains(node.url().toString(), "elastic-password", "kibana.env", "local-elasticsearch stop")
                .doesNotContain(password());
    }

    @Test
    @Order(3)
    void listensOn127001Only() throws Exception {
        assertThat(node.url().getHost()).isEqualTo("127.0.0.1");
        HttpResponse<String> http = get(node.url().resolve("/_nodes/_local/http"), Optional.of(password()));
        JsonNode nodeHttp =
                JSON.readTree(http.body()).path("nodes").elements().next().path("http");
        List<String> bound = new ArrayList<>();
        nodeHttp.path("bound_address").forEach(address -> bound.add(address.asText()));
        assertThat(bound).isNotEmpty().allMatch(address -> address.startsWith("127.0.0.1:"), "on 127.0.0.1");
        assertThat(nodeHttp.path("publish_address").asText()).startsWith("127.0.0.1:");
    }

    @Test
    @Order(4)
    void aSecondStartReusesTheRunningNode() {
        CliRunner.Result again = cli("start", "--port", "0");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("already runs at " + node.url(), "pid " + node.pid());
        assertThat(local.status()).map(RunningNode::pid).contains(node.pid());
    }

    @Test
    @Order(5)
    void stopEndsTheNodeAndStatusSaysSo() {
        ProcessHandle process = ProcessHandle.of(node.pid()).orElseThrow();
        CliRunner.Result stop = cli("stop");
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.out()).contains("stopped Elasticsearch");
        assertThat(process.isAlive()).isFalse();
        assertThat(local.status()).isEmpty();

        CliRunner.Result status = cli("status");
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out()).contains("not running");
    }

    private static CliRunner.Result cli(String subcommand, String... options) {
        List<String> args =
                new ArrayList<>(List.of("local-elasticsearch", subcommand, "--state-dir", STATE_DIR.toString()));
        if (subcommand.equals("start") && System.getProperty("es.distribution") != null) {
            args.addAll(List.of("--distribution", System.getProperty("es.distribution")));
        }
        args.addAll(List.of(options));
        return CliRunner.inProcess(Map.of(), args.toArray(String[]::new));
    }

    private static String password() {
        try {
            return Files.readString(local.files().passwordFile()).trim();
        } catch (IOException e) {
            throw new AssertionError("no password file", e);
        }
    }

    private static HttpResponse<String> get(URI uri, Optional<String> password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        password.ifPresent(secret -> request.header(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("elastic:" + secret).getBytes(StandardCharsets.UTF_8))));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path :
                    paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
