package io.monitron.indexer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.opentest4j.TestAbortedException;

/**
 * A real Elasticsearch cluster for integration tests, started lazily once per JVM and stopped when the JVM exits.
 *
 * <h2>Use in an IT</h2>
 *
 * <pre>{@code
 * class BulkSinkIT {
 *     private static final ElasticsearchFixture es = ElasticsearchFixture.shared();   // started on first use
 *
 *     @BeforeEach void clean() { es.deleteIndices("monitron-cloudtrail-*"); }
 *
 *     @Test void indexesEvents() {
 *         ... new ElasticsearchClientFactory(es.url(), es.username(), es.password()) ...
 *         es.refresh("monitron-cloudtrail-*");
 *         assertThat(es.request("GET", "/monitron-cloudtrail-2024.05/_count", null).json().get("count").asInt())
 *             .isEqualTo(3);
 *     }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #shared()}: plain HTTP, security off. Use it unless the test is about authentication or TLS.
 *   <li>{@link #secured()}: basic authentication over HTTP; superuser {@link #adminUsername()}/{@link
 *       #adminPassword()}. Make least-privilege users with {@link #createRole} and {@link #createUser}.
 *   <li>{@link #securedTls()}: as secured, over HTTPS with a CA made for the test: {@link #httpsUrl()}, {@link
 *       #caCertificatePath()}, {@link #caFingerprintSha256()}.
 * </ul>
 *
 * <p>The clusters are shared by every test in the JVM: name your indices for your test and clean up with {@link
 * #deleteIndices}. Users and roles persist until the JVM ends; use names unique to your test class.
 *
 * <h2>Where the cluster comes from</h2>
 *
 * <ol>
 *   <li>{@code ES_URL} set: that cluster, with {@code ES_USERNAME}/{@code ES_PASSWORD} (a superuser) and {@code
 *       ES_CA_CERT} (PEM) when given; flavours it cannot offer are skipped.
 *   <li>a Docker engine: Testcontainers with {@code docker.elastic.co/elasticsearch/elasticsearch:<es.version>}.
 *   <li>otherwise the local minimal distribution the build unpacks into {@code target/es-dist} (run {@code ./mvnw -o
 *       pre-integration-test -DskipTests} once when running from an IDE), each flavour in its own copy under {@code
 *       target/es-instances/<name>}, its console in {@code target/es-instances/<name>/console.log}. On a 2-core
 *       machine at most two local nodes run: starting {@code secured()} stops a running {@code securedTls()} and the
 *       other way round (a stopped fixture says so when used; ask the factory again).
 * </ol>
 *
 * One line on standard output says which, e.g. {@code [es-fixture] shared: local distribution at ... on
 * http://127.0.0.1:40681}.
 *
 * <p>The local distribution is minimal: no ingest processors, no ILM, no {@code match_only_text}/{@code wildcard}, no
 * {@code GET /}, no API keys, and no native realm ({@code PUT /_security/user|role} fail with HTTP 400 because the
 * {@code .security} index cannot be created). {@link #createRole} and {@link #createUser} hide that: on the local
 * distribution they write the file realm, elsewhere they call the security API.
 */
public final class ElasticsearchFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration USER_VISIBLE_TIMEOUT = Duration.ofSeconds(30);

    private static final Map<FixtureKind, ElasticsearchFixture> RUNNING = new EnumMap<>(FixtureKind.class);
    private static final Map<FixtureKind, RuntimeException> FAILED = new EnumMap<>(FixtureKind.class);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ElasticsearchFixture::stopAll, "es-fixture-shutdown"));
    }

    private final FixtureKind kind;
    private final Backend backend;
    private final HttpClient http;
    private final Optional<SSLContext> sslContext;
    private volatile String stoppedBecause;

    private ElasticsearchFixture(FixtureKind kind, Backend backend) {
        this.kind = kind;
        this.backend = backend;
        this.sslContext = backend.caCertificate().map(TestCertificates::sslContextTrusting);
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        sslContext.ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    /** The plain-HTTP cluster without security, started on first call. */
    public static ElasticsearchFixture shared() {
        return obtain(FixtureKind.PLAIN);
    }

    /** The cluster with basic authentication over plain HTTP, started on first call. */
    public static ElasticsearchFixture secured() {
        return obtain(FixtureKind.SECURED);
    }

    /** The cluster with basic authentication over HTTPS with a test CA, started on first call. */
    public static ElasticsearchFixture securedTls() {
        return obtain(FixtureKind.SECURED_TLS);
    }

    private static synchronized ElasticsearchFixture obtain(FixtureKind kind) {
        ElasticsearchFixture running = RUNNING.get(kind);
        if (running != null) {
            return running;
        }
        RuntimeException failed = FAILED.get(kind);
        if (failed != null) {
            // do not spend another startup timeout on every test that asks
            if (failed instanceof TestAbortedException) {
                throw new TestAbortedException(failed.getMessage());
            }
            throw new IllegalStateException(
                    "the " + kind.instanceName() + " Elasticsearch fixture failed to start earlier in this JVM: "
                            + failed.getMessage(),
                    failed);
        }
        try {
            ElasticsearchFixture started = start(kind);
            RUNNING.put(kind, started);
            return started;
        } catch (RuntimeException e) {
            FAILED.put(kind, e);
            throw e;
        }
    }

    private static ElasticsearchFixture start(FixtureKind kind) {
        Map<String, String> environment = System.getenv();
        String version = System.getProperty("es.version", LocalDistribution.DEFAULT_VERSION);
        Backend backend;
        if (ExternalCluster.configured(environment)) {
            backend = ExternalCluster.fromEnvironment(kind, environment);
        } else if (ContainerNode.dockerAvailable()) {
            backend = ContainerNode.start(kind, version, Path.of("target", "es-instances"));
        } else {
            LocalDistribution distribution = LocalDistribution.fromSystemProperties();
            makeRoomForLocalNode(kind);
            backend = LocalNode.start(kind, distribution);
        }
        ElasticsearchFixture fixture = new ElasticsearchFixture(kind, backend);
        try {
            fixture.awaitReady();
        } catch (RuntimeException e) {
            backend.stop();
            throw e;
        }
        System.out.println(
                "[es-fixture] " + kind.instanceName() + ": using " + backend.description() + " on " + backend.url());
        return fixture;
    }

    // At most two local nodes on a 2-core machine: shared() and one of the secured flavours.
    private static void makeRoomForLocalNode(FixtureKind starting) {
        if (!starting.security()) {
            return;
        }
        for (FixtureKind other : List.of(FixtureKind.SECURED, FixtureKind.SECURED_TLS)) {
            ElasticsearchFixture running = RUNNING.get(other);
            if (other != starting && running != null && running.backend.isLocalDistribution()) {
                RUNNING.remove(other);
                running.stop("it was stopped to make room for the " + starting.instanceName()
                        + " node (at most two local nodes run at a time); call ElasticsearchFixture."
                        + (other == FixtureKind.SECURED ? "secured()" : "securedTls()") + " again");
            }
        }
    }

    private static synchronized void stopAll() {
        for (ElasticsearchFixture fixture : new ArrayList<>(RUNNING.values())) {
            fixture.stop("the JVM is exiting");
        }
        RUNNING.clear();
    }

    private void stop(String reason) {
        stoppedBecause = reason;
        backend.stop();
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            try {
                HttpResult health = request("GET", "/_cluster/health?wait_for_status=yellow&timeout=60s", null);
                if (health.isSuccessful()) {
                    return;
                }
                throw new IllegalStateException("Elasticsearch (" + backend.description() + ") is not healthy: HTTP "
                        + health.status() + " " + health.body());
            } catch (UncheckedIOException e) {
                // only a refused connection means "not up yet"; anything else is a real problem
                if (!(e.getCause() instanceof ConnectException) || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(
                            "Elasticsearch (" + backend.description() + ") does not answer at " + url(), e);
                }
            }
            pause(backoff);
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0
                    ? Duration.ofSeconds(2)
                    : backoff.multipliedBy(2);
        }
    }

    /** The cluster's HTTP(S) root without a trailing slash, e.g. {@code http://127.0.0.1:40681}. */
    public String url() {
        ensureRunning();
        return backend.url().toString();
    }

    /** The superuser name; empty when security is off. */
    public Optional<String> username() {
        return backend.admin().map(Credentials::username);
    }

    /** The superuser password; empty when security is off. */
    public Optional<String> password() {
        return backend.admin().map(Credentials::password);
    }

    /** The superuser name of a secured cluster. */
    public String adminUsername() {
        return admin().username();
    }

    /** The superuser password of a secured cluster. */
    public String adminPassword() {
        return admin().password();
    }

    /** The superuser of a secured cluster. */
    public Credentials admin() {
        return backend.admin()
                .orElseThrow(() -> new IllegalStateException(
                        "the " + kind.instanceName() + " cluster runs without security; use secured() for users"));
    }

    /** The {@code https://} root of a TLS cluster. */
    public String httpsUrl() {
        String url = url();
        if (!url.startsWith("https://")) {
            throw new IllegalStateException(
                    "the " + kind.instanceName() + " cluster speaks plain HTTP; use securedTls()");
        }
        return url;
    }

    /** The PEM file of the CA that signed the cluster's HTTP certificate. */
    public Path caCertificatePath() {
        return backend.caCertificate()
                .orElseThrow(() -> new IllegalStateException(
                        "the " + kind.instanceName() + " cluster has no test CA; use securedTls()"));
    }

    /** SHA-256 of the CA certificate as lower-case hex without separators, as Elasticsearch prints it. */
    public String caFingerprintSha256() {
        return TestCertificates.sha256Fingerprint(
                TestCertificates.readCertificates(caCertificatePath()).get(0));
    }

    /** An SSL context trusting the test CA, for clients under test; empty for plain HTTP. */
    public Optional<SSLContext> sslContext() {
        return sslContext;
    }

    /** Whether this cluster is the local distribution (minimal: see the class comment), not a container or ES_URL. */
    public boolean runsLocalDistribution() {
        return backend.isLocalDistribution();
    }

    /**
     * Sends a request as the superuser (or anonymously when security is off).
     *
     * @param path starts with {@code /}, may carry a query string
     * @param jsonBody sent as {@code application/json}; null for none
     * @throws UncheckedIOException when no HTTP response comes back (e.g. a TLS handshake failure)
     */
    public HttpResult request(String method, String path, String jsonBody) {
        return send(backend.admin(), method, path, jsonBody);
    }

    /** Sends a request as the given user, e.g. one made by {@link #createUser} or with a wrong password. */
    public HttpResult requestAs(Credentials user, String method, String path, String jsonBody) {
        return send(Optional.of(user), method, path, jsonBody);
    }

    /** Sends a request without credentials. */
    public HttpResult requestAnonymously(String method, String path, String jsonBody) {
        return send(Optional.empty(), method, path, jsonBody);
    }

    private HttpResult send(Optional<Credentials> user, String method, String path, String jsonBody) {
        ensureRunning();
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend.url() + path))
                .timeout(REQUEST_TIMEOUT)
                .method(
                        method,
                        jsonBody == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        user.ifPresent(credentials -> request.header("Authorization", credentials.basicAuthorizationHeader()));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new HttpResult(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + backend.url() + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    /**
     * Deletes the open and closed indices matching a pattern (e.g. {@code monitron-cloudtrail-*}); no match is fine.
     * Names are resolved first, so it also works on clusters that forbid wildcard deletes.
     */
    public void deleteIndices(String pattern) {
        HttpResult found =
                request("GET", "/_cat/indices/" + pattern + "?h=index&format=json&expand_wildcards=open,closed", null);
        if (found.status() == 404) {
            return;
        }
        require(found, "list indices " + pattern);
        List<String> names = new ArrayList<>();
        found.json().forEach(row -> names.add(row.get("index").asText()));
        for (int from = 0; from < names.size(); from += 50) {
            String batch = String.join(",", names.subList(from, Math.min(names.size(), from + 50)));
            HttpResult deleted = request("DELETE", "/" + batch + "?ignore_unavailable=true", null);
            require(deleted, "delete indices " + batch);
        }
    }

    /** Makes everything indexed so far in matching indices searchable; no match is fine. */
    public void refresh(String pattern) {
        require(
                request("POST", "/" + pattern + "/_refresh?ignore_unavailable=true&allow_no_indices=true", null),
                "refresh " + pattern);
    }

    /**
     * Defines a role; {@code roleJson} is the body of {@code PUT /_security/role/<name>}, e.g. {@code
     * {"cluster":["monitor"],"indices":[{"names":["monitron-*"],"privileges":["create_index","write"]}]}}. Returns
     * once the cluster uses it. Define roles before the users that hold them.
     */
    public void createRole(String name, String roleJson) {
        ensureRunning();
        Optional<FileRealm> fileRealm = backend.fileRealm();
        if (fileRealm.isPresent()) {
            fileRealm.get().putRole(name, roleJson);
        } else {
            require(request("PUT", "/_security/role/" + name, roleJson), "create role " + name);
        }
    }

    /**
     * Creates (or replaces) a user with the given roles and returns its credentials once it can authenticate and,
     * for roles made by {@link #createRole}, has their privileges.
     */
    public Credentials createUser(String username, String password, String... roles) {
        ensureRunning();
        admin(); // fails clearly on a cluster without security
        Credentials user = new Credentials(username, password);
        Optional<FileRealm> fileRealm = backend.fileRealm();
        if (fileRealm.isPresent()) {
            fileRealm.get().addUser(username, password, List.of(roles));
            awaitUserVisible(user, Set.of(roles), fileRealm.get());
        } else {
            ObjectNode body = JSON.createObjectNode().put("password", password);
            body.putArray("roles")
                    .addAll(List.of(roles).stream()
                            .map(JSON.getNodeFactory()::textNode)
                            .toList());
            require(request("PUT", "/_security/user/" + username, body.toString()), "create user " + username);
        }
        return user;
    }

    // The file realm reloads on a timer and says nothing over HTTP, so the user's own view is the only signal.
    private void awaitUserVisible(Credentials user, Set<String> roles, FileRealm realm) {
        boolean needsPrivileges = roles.stream().anyMatch(realm::definesRole);
        Instant deadline = Instant.now().plus(USER_VISIBLE_TIMEOUT);
        Duration backoff = Duration.ofMillis(100);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResult who = requestAs(user, "GET", "/_security/_authenticate", null);
            last = "HTTP " + who.status();
            if (who.isSuccessful() && rolesOf(who.json()).equals(roles)) {
                if (!needsPrivileges || hasAnyPrivilege(requestAs(user, "GET", "/_security/user/_privileges", null))) {
                    return;
                }
                last = "authenticated, but the roles' privileges are not loaded yet";
            }
            pause(backoff);
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(1)) > 0
                    ? Duration.ofSeconds(1)
                    : backoff.multipliedBy(2);
        }
        throw new IllegalStateException("user " + user.username() + " was not usable within " + USER_VISIBLE_TIMEOUT
                + " (" + last + "); see " + backend.description());
    }

    private static Set<String> rolesOf(JsonNode authenticate) {
        Set<String> roles = new HashSet<>();
        authenticate.path("roles").forEach(role -> roles.add(role.asText()));
        return roles;
    }

    private static boolean hasAnyPrivilege(HttpResult privileges) {
        if (!privileges.isSuccessful()) {
            return false;
        }
        JsonNode json = privileges.json();
        return !json.path("cluster").isEmpty() || !json.path("indices").isEmpty();
    }

    private static void require(HttpResult result, String what) {
        if (!result.isSuccessful()) {
            throw new IllegalStateException("cannot " + what + ": HTTP " + result.status() + " " + result.body());
        }
    }

    private void ensureRunning() {
        String reason = stoppedBecause;
        if (reason != null) {
            throw new IllegalStateException(
                    "the " + kind.instanceName() + " Elasticsearch fixture is stopped: " + reason);
        }
    }

    /** The local node, for tests of the fixture's own process handling. */
    Optional<LocalNode> localNode() {
        return backend instanceof LocalNode node ? Optional.of(node) : Optional.empty();
    }

    private static void pause(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Elasticsearch", e);
        }
    }

    @Override
    public String toString() {
        return "ElasticsearchFixture[" + kind.instanceName() + " " + backend.url() + "]";
    }
}
