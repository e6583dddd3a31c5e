package io.monitron.indexer.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.monitron.indexer.cli.Environment;
import io.monitron.indexer.cli.Main;
import io.monitron.indexer.sink.IndexNames;
import io.monitron.indexer.sink.IndexerRole;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code setup}'s security steps against an in-process HTTP server that checks the requests Elasticsearch documents
 * for its security API ({@code PUT /_security/role/<name>}, {@code PUT /_security/user/<name>}, {@code POST
 * /_security/user/kibana_system/_password}) and answers its documented responses. The real cluster the integration
 * tests start has no native realm, so these calls are checked here; {@code SecuredSetupIT} checks the role itself.
 */
class SetupAgainstLocalServerSpeakingElasticsearchSecurityApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "admin-secret-1";
    private static final String INDEXER_PASSWORD = "indexer-secret-2";
    private static final String KIBANA_PASSWORD = "kibana-secret-3";

    @TempDir
    Path temp;

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Answers by "METHOD path"; anything not listed gets the documented success answer. */
    private final Map<String, Queue<Answer>> scripted = new HashMap<>();

    record Received(String method, String path, String authorization, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    record Answer(int status, String body) {}

    record Result(int exitCode, String out, String err) {}

    @BeforeEach
    void startFakeElasticsearch() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopFakeElasticsearch() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(method, path, exchange.getRequestHeaders().getFirst("Authorization"), body));
        Queue<Answer> queue = scripted.get(method + " " + path);
        Answer answer = queue != null && !queue.isEmpty() ? queue.poll() : documentedSuccess(method, path);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Answer documentedSuccess(String method, String path) throws IOException {
        if (path.equals("/_cluster/health")) {
            return new Answer(200, "{\"status\":\"green\"}");
        }
        if (method.equals("PUT") && path.startsWith("/_security/role/")) {
            return new Answer(200, "{\"role\":{\"created\":true}}");
        }
        if (method.equals("PUT") && path.startsWith("/_security/user/")) {
            return new Answer(200, "{\"created\":true}");
        }
        if (method.equals("POST") && path.endsWith("/_password")) {
            return new Answer(200, "{}");
        }
        if (method.equals("PUT") && path.startsWith("/_index_template/")) {
            return new Answer(200, "{\"acknowledged\":true}");
        }
        if (method.equals("POST") && path.startsWith("/_index_template/_simulate_index/")) {
            // no other template matches: ours applies
            return new Answer(
                    200, "{\"template\":{\"settings\":{},\"mappings\":{},\"aliases\":{}},\"overlapping\":[]}");
        }
        if (method.equals("POST") && path.equals("/api/saved_objects/_import")) {
            try (InputStream in = SetupAgainstLocalServerSpeakingElasticsearchSecurityApiTest.class.getResourceAsStream(
                    "/kibana/import-responses/success.json")) {
                return new Answer(200, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        if (method.equals("PUT") && path.equals("/monitron-estate")) {
            // the estate index created (reading it first answers 404, below)
            return new Answer(
                    200, "{\"acknowledged\":true,\"shards_acknowledged\":true,\"index\":\"monitron-estate\"}");
        }
        if (method.equals("POST") && path.startsWith("/api/alerting/rule/")) {
            // Kibana's alerting API: a rule created under its chosen id (reading one first answers 404, below)
            return new Answer(200, "{\"id\":\"" + path.substring(path.lastIndexOf('/') + 1) + "\"}");
        }
        return new Answer(404, "{\"error\":\"no handler for " + method + " " + path + "\",\"status\":404}");
    }

    private void script(String request, Answer... answers) {
        scripted.computeIfAbsent(request, k -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private Result setup(Map<String, String> extraEnv, String... args) {
        Map<String, String> env =
                new HashMap<>(Map.of("ES_URL", url(), "ES_USERNAME", "admin", "ES_PASSWORD", ADMIN_PASSWORD));
        env.putAll(extraEnv);
        String[] command = new String[args.length + 1];
        command[0] = "setup";
        System.arraycopy(args, 0, command, 1, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                command,
                new Environment(env),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Received only(String method, String path) {
        List<Received> matching = received.stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .toList();
        assertThat(matching).as(method + " " + path + " in " + received).hasSize(1);
        return matching.get(0);
    }

    private static void assertNoPasswordIn(Result result) {
        for (String secret : List.of(ADMIN_PASSWORD, INDEXER_PASSWORD, KIBANA_PASSWORD)) {
            assertThat(result.out()).doesNotContain(secret);
            assertThat(result.err()).doesNotContain(secret);
        }
    }

    @Test
    void setsKibanaSystemPasswordThenRoleThenUserThenTemplateWithTheDocumentedRequests() throws IOException {
        Result result = setup(
                Map.of("INDEXER_PASSWORD", INDEXER_PASSWORD, "KIBANA_SYSTEM_PASSWORD", KIBANA_PASSWORD),
                "--create-indexer-user",
                "ops_indexer");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(received.stream()
                        .map(r -> r.method() + " " + r.path())
                        .map(r ->
                                r.replaceFirst("monitron-cloudtrail-\\d{4}\\.\\d{2}$", "monitron-cloudtrail-YYYY.MM")))
                .containsExactly(
                        "GET /_cluster/health",
                        "POST /_security/user/kibana_system/_password",
                        "PUT /_security/role/monitron_indexer",
                        "PUT /_security/user/ops_indexer",
                        "PUT /_index_template/monitron-cloudtrail",
                        "POST /_index_template/_simulate_index/monitron-cloudtrail-YYYY.MM",
                        "PUT /_index_template/monitron-indexer-state-template",
                        "GET /monitron-estate",
                        "PUT /monitron-estate");
        String basicAdmin = "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(received).allSatisfy(r -> assertThat(r.authorization()).isEqualTo(basicAdmin));

        assertThat(only("POST", "/_security/user/kibana_system/_password").json())
                .isEqualTo(JSON.createObjectNode().put("password", KIBANA_PASSWORD));
        assertThat(only("PUT", "/_security/role/monitron_indexer").json())
                .isEqualTo(IndexerRole.bundled(new IndexNames(IndexNames.DEFAULT_PREFIX), "monitron-indexer-state")
                        .body());
        JsonNode user = only("PUT", "/_security/user/ops_indexer").json();
        assertThat(user.path("password").asText()).isEqualTo(INDEXER_PASSWORD);
        assertThat(user.path("roles")).containsExactly(JSON.getNodeFactory().textNode("monitron_indexer"));
        assertThat(result.out())
                .contains("password of kibana_system set")
                .contains("role monitron_indexer")
                .contains("user ops_indexer");
        assertNoPasswordIn(result);
    }

    @Test
    void theRoleGrantsOnTheConfiguredPrefixAndStateIndexUnderTheConfiguredRoleName() throws IOException {
        Path passwordFile = Files.writeString(temp.resolve("indexer-password"), INDEXER_PASSWORD + "\n");

        Result result = setup(
                Map.of(),
                "--create-indexer-user",
                "audit_writer",
                "--indexer-role",
                "audit_writer_role",
                "--indexer-password-file",
                passwordFile.toString(),
                "--index-prefix",
                "audit",
                "--state-index",
                "audit-state",
                "--estate-index",
                "estate-audit",
                "--skip-template");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode role = only("PUT", "/_security/role/audit_writer_role").json();
        assertThat(role.path("indices").findValues("names").toString())
                .isEqualTo("[[\"audit-*\"], [\"audit-state\"], [\"estate-audit\"]]");
        assertThat(only("PUT", "/_security/user/audit_writer")
                        .json()
                        .path("password")
                        .asText())
                .as("the password file's content without its line end")
                .isEqualTo(INDEXER_PASSWORD);
        assertThat(received).noneMatch(r -> r.path().startsWith("/_index_template"));
        assertThat(received).noneMatch(r -> r.path().endsWith("/_password"));
    }

    @Test
    void aUserWithoutManageSecurityGetsExit1NamingThePrivilegeAndNoPasswordEvenWhenTheErrorQuotesIt() {
        // an adversarial answer: the error reason quotes the request, password included
        script(
                "POST /_security/user/kibana_system/_password",
                new Answer(
                        403,
                        "{\"error\":{\"type\":\"security_exception\",\"reason\":\"action"
                                + " [cluster:admin/xpack/security/user/change_password] is unauthorized for user"
                                + " [admin], request {\\\"password\\\":\\\"" + KIBANA_PASSWORD + "\\\"}\"},"
                                + "\"status\":403}"));

        Result result = setup(Map.of("KIBANA_SYSTEM_PASSWORD", KIBANA_PASSWORD));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains("cannot set the password of kibana_system")
                .contains("HTTP 403")
                .contains("manage_security")
                .contains("security_exception");
        assertNoPasswordIn(result);
        assertThat(received).noneMatch(r -> r.path().startsWith("/_index_template"));
    }

    @Test
    void aClusterWithoutTheNativeRealmGetsAnExplanation() {
        script(
                "PUT /_security/role/monitron_indexer",
                new Answer(
                        400,
                        "{\"error\":{\"type\":\"illegal_state_exception\",\"reason\":\"Security index is not"
                                + " on the current version\"},\"status\":400}"));

        Result result = setup(Map.of("INDEXER_PASSWORD", INDEXER_PASSWORD), "--create-indexer-user", "ops_indexer");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains("cannot create the role monitron_indexer: HTTP 400")
                .contains("illegal_state_exception")
                .contains("native realm");
        assertThat(received).noneMatch(r -> r.path().startsWith("/_security/user/"));
    }

    @Test
    void aMissingIndexerPasswordIsAUsageErrorAndNothingIsSent() {
        Result result = setup(Map.of(), "--create-indexer-user", "ops_indexer");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("INDEXER_PASSWORD");
        assertThat(received).isEmpty();
    }

    @Test
    void aUserNameThatCouldChangeThePathIsAUsageError() {
        Result result = setup(Map.of("INDEXER_PASSWORD", INDEXER_PASSWORD), "--create-indexer-user", "../_cluster");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(received).noneMatch(r -> r.path().startsWith("/_security/user/"));
    }

    @Test
    void waitsWhileKibanaIsNotReadyThenImports() {
        script(
                "POST /api/saved_objects/_import",
                new Answer(
                        503,
                        "{\"statusCode\":503,\"error\":\"Service Unavailable\",\"message\":\"Kibana server"
                                + " is not ready yet\"}"));

        Result result = setup(Map.of(), "--skip-template", "--kibana-url", url(), "--kibana-wait", "PT1M");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(received.stream().filter(r -> r.path().equals("/api/saved_objects/_import")))
                .hasSize(2);
        assertThat(result.out()).contains("waiting up to PT1M for Kibana").contains("Kibana: imported 2");
    }

    @Test
    void withoutAWaitAKibanaThatIsNotReadyFailsAtOnce() {
        script("POST /api/saved_objects/_import", new Answer(503, "{\"message\":\"Kibana server is not ready yet\"}"));

        Result result = setup(Map.of(), "--skip-template", "--kibana-url", url());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("503");
        assertThat(received.stream().filter(r -> r.path().equals("/api/saved_objects/_import")))
                .hasSize(1);
    }

    @Test
    void aKibanaThatRefusesTheCredentialsIsNotWaitedFor() {
        script("POST /api/saved_objects/_import", new Answer(401, "{\"message\":\"Unauthorized\"}"));

        Result result = setup(Map.of(), "--skip-template", "--kibana-url", url(), "--kibana-wait", "PT5M");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(received.stream().filter(r -> r.path().equals("/api/saved_objects/_import")))
                .hasSize(1);
    }
}
