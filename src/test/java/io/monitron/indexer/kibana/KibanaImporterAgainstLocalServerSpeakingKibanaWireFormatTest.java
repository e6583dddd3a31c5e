package io.monitron.indexer.kibana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link KibanaImporter} against an in-process HTTP server that checks the request Kibana documents for
 * {@code POST [/s/{space}]/api/saved_objects/_import} and answers Kibana's documented responses (canned in
 * {@code src/test/resources/kibana/import-responses}).
 */
class KibanaImporterAgainstLocalServerSpeakingKibanaWireFormatTest {

    private static final byte[] NDJSON = ("{\"type\":\"index-pattern\",\"id\":\"monitron-cloudtrail\",\"attributes\":"
                    + "{\"title\":\"monitron-cloudtrail-*\"},\"references\":[]}\n"
                    + "{\"type\":\"dashboard\",\"id\":\"monitron-dashboard-overview\",\"attributes\":"
                    + "{\"title\":\"Monitron audit overview\"},\"references\":[]}\n")
            .getBytes(StandardCharsets.UTF_8);
    private static final String API_KEY = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";

    private HttpServer server;
    private final AtomicReference<RecordedRequest> received = new AtomicReference<>();
    private volatile int answerStatus = 200;
    private volatile String answerBody = "";

    /** What the fake Kibana saw: enough to check the documented request shape. */
    record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** One part of a multipart/form-data body. */
    record Part(String name, String filename, String contentType, byte[] content) {}

    @BeforeEach
    void startFakeKibana() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopFakeKibana() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            received.set(new RecordedRequest(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    in.readAllBytes()));
        }
        byte[] body = answerBody.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(answerStatus, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void kibanaAnswers(int status, String resource) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/kibana/import-responses/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            answerStatus = status;
            answerBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private KibanaImporter importer(String basePath, Optional<String> authorization) throws NoSuchAlgorithmException {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + basePath);
        return new KibanaImporter(base, authorization, SSLContext.getDefault(), Duration.ofSeconds(10));
    }

    private ImportReport importInto(Optional<String> space) throws Exception {
        return importer("", Optional.of(KibanaAuthorization.apiKey(API_KEY)))
                .importSavedObjects(new ByteArrayInputStream(NDJSON), space, true);
    }

    @Test
    void postsTheNdjsonAsMultipartPartFileWithXsrfOverwriteSpaceAndApiKey() throws Exception {
        kibanaAnswers(200, "success.json");

        importInto(Optional.of("ops-team"));

        RecordedRequest request = received.get();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/s/ops-team/api/saved_objects/_import");
        assertThat(request.query()).isEqualTo("overwrite=true");
        assertThat(request.header("kbn-xsrf")).isNotBlank();
        assertThat(request.header("Authorization")).isEqualTo("ApiKey " + API_KEY);
        List<Part> parts = multipartParts(request);
        assertThat(parts).hasSize(1);
        Part file = parts.get(0);
        assertThat(file.name()).isEqualTo("file");
        assertThat(file.filename()).endsWith(".ndjson");
        assertThat(file.content()).isEqualTo(NDJSON);
    }

    @Test
    void usesThePlainPathForTheDefaultSpaceAndKeepsKibanasBasePath() throws Exception {
        kibanaAnswers(200, "success.json");

        importer("/kibana/", Optional.empty())
                .importSavedObjects(new ByteArrayInputStream(NDJSON), Optional.empty(), false);
        assertThat(received.get().path()).isEqualTo("/kibana/api/saved_objects/_import");
        assertThat(received.get().query()).isEqualTo("overwrite=false");
        assertThat(received.get().header("Authorization")).isNull();

        importer("", Optional.empty())
                .importSavedObjects(new ByteArrayInputStream(NDJSON), Optional.of("default"), true);
        assertThat(received.get().path()).isEqualTo("/api/saved_objects/_import");
    }

    @Test
    void sendsBasicCredentialsAsTheAuthorizationHeader() throws Exception {
        kibanaAnswers(200, "success.json");

        importer("", Optional.of(KibanaAuthorization.basic("elastic", "s3cret")))
                .importSavedObjects(new ByteArrayInputStream(NDJSON), Optional.empty(), true);

        assertThat(received.get().header("Authorization")).isEqualTo("Basic ZWxhc3RpYzpzM2NyZXQ=");
    }

    @Test
    void returnsTheParsedSuccessResults() throws Exception {
        kibanaAnswers(200, "success.json");

        ImportReport report = importInto(Optional.empty());

        assertThat(report.isClean()).isTrue();
        assertThat(report.successCount()).isEqualTo(2);
        assertThat(report.imported())
                .extracting(ImportedObject::object)
                .containsExactly(
                        new SavedObjectRef("index-pattern", "monitron-cloudtrail"),
                        new SavedObjectRef("dashboard", "monitron-dashboard-overview"));
        assertThat(report.imported().get(1).title()).isEqualTo("Monitron audit overview");
        assertThat(report.imported().get(1).destinationId()).contains("c31d1eca-9bc0-4a81-b5f9-30c442824c48");
        assertThat(report.imported().get(0).destinationId()).isEmpty();
    }

    @Test
    void missingReferencesFailTheImportNamingObjectAndReference() throws Exception {
        kibanaAnswers(200, "missing-references.json");

        assertThatThrownBy(() -> importInto(Optional.empty()))
                .isInstanceOf(KibanaImportException.class)
                .hasMessageContaining("search/monitron-search-failed-calls")
                .hasMessageContaining("missing_references")
                .hasMessageContaining("index-pattern/monitron-cloudtrail")
                .asInstanceOf(type(KibanaImportException.class))
                .satisfies(e -> {
                    ImportReport report = e.report().orElseThrow();
                    assertThat(report.success()).isFalse();
                    assertThat(report.errors()).singleElement().satisfies(error -> {
                        assertThat(error.errorType()).isEqualTo("missing_references");
                        assertThat(error.title()).isEqualTo("Monitron: failed calls");
                        assertThat(error.missingReferences())
                                .containsExactly(new SavedObjectRef("index-pattern", "monitron-cloudtrail"));
                    });
                });
    }

    @Test
    void conflictsFailTheImportAndSuggestOverwrite() throws Exception {
        kibanaAnswers(200, "conflict.json");

        assertThatThrownBy(() -> importInto(Optional.empty()))
                .isInstanceOf(KibanaImportException.class)
                .hasMessageContaining("index-pattern/monitron-cloudtrail")
                .hasMessageContaining("conflict")
                .hasMessageContaining("ambiguous_conflict")
                .hasMessageContaining("overwrite");
    }

    @Test
    void unknownAndUnsupportedTypeErrorsCarryKibanasMessage() throws Exception {
        kibanaAnswers(200, "unknown-error.json");

        assertThatThrownBy(() -> importInto(Optional.empty()))
                .isInstanceOf(KibanaImportException.class)
                .hasMessageContaining("search/monitron-search-all-activity \"Monitron: all activity\": unknown")
                .hasMessageContaining("[attributes.foo]: definition for this key is missing")
                .hasMessageContaining("widget/monitron-widget")
                .hasMessageContaining("unsupported_type");
    }

    @Test
    void badRequestFailsWithKibanasMessage() throws Exception {
        kibanaAnswers(400, "status-400.json");

        assertThatThrownBy(() -> importInto(Optional.empty()))
                .isInstanceOf(KibanaImportException.class)
                .hasMessageContaining("400")
                .hasMessageContaining("Invalid file extension")
                .satisfies(e -> assertThat(((KibanaImportException) e).status()).hasValue(400));
    }

    @Test
    void unauthorizedFailsWithoutRevealingTheCredentials() throws Exception {
        kibanaAnswers(401, "status-401.json");

        assertThatThrownBy(() -> importInto(Optional.empty()))
                .isInstanceOf(KibanaImportException.class)
                .hasMessageContaining("401")
                .hasMessageContaining("credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(API_KEY));
    }

    @Test
    void serverErrorFailsPointingAtTheKibanaLog() throws Exception {
        kibanaAnswers(500, "status-500.json");

        assertThatThrownBy(() -> importInto(Optional.empty()))
                .isInstanceOf(KibanaImportException.class)
                .hasMessageContaining("500")
                .hasMessageContaining("Kibana server log")
                .satisfies(e -> assertThat(((KibanaImportException) e).status()).hasValue(500));
    }

    @Test
    void aTwoHundredThatIsNotAnImportResponseFails() throws Exception {
        answerStatus = 200;
        answerBody = "{\"name\":\"es-node\",\"cluster_name\":\"elasticsearch\",\"tagline\":\"You Know, for Search\"}";

        assertThatThrownBy(() -> importInto(Optional.empty()))
                .isInstanceOf(KibanaImportException.class)
                .hasMessageContaining("not an import response");
    }

    @Test
    void anUnreachableKibanaFailsWithAnActionableMessage() throws Exception {
        KibanaImporter importer = importer("", Optional.of(KibanaAuthorization.apiKey(API_KEY)));
        server.stop(0);

        assertThatThrownBy(() -> importer.importSavedObjects(new ByteArrayInputStream(NDJSON), Optional.empty(), true))
                .isInstanceOf(KibanaImportException.class)
                .hasMessageContaining("cannot reach Kibana")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(API_KEY));
    }

    @Test
    void refusesSpaceIdsThatCouldChangeThePathAndUrlsWithCredentials() throws Exception {
        KibanaImporter importer = importer("", Optional.empty());
        assertThatThrownBy(() ->
                        importer.importSavedObjects(new ByteArrayInputStream(NDJSON), Optional.of("../api"), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("space id");
        assertThat(received.get()).isNull();

        assertThatThrownBy(() -> new KibanaImporter(
                        URI.create("https://elastic:s3cret@kibana.example:5601"),
                        Optional.empty(),
                        SSLContext.getDefault(),
                        Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cret");
    }

    /** Splits a multipart/form-data body by the boundary from its Content-Type, as a server would. */
    private static List<Part> multipartParts(RecordedRequest request) {
        Matcher boundary =
                Pattern.compile("multipart/form-data;\\s*boundary=(\\S+)").matcher(request.header("Content-Type"));
        assertThat(boundary.find())
                .as("multipart/form-data content type with a boundary")
                .isTrue();
        byte[] delimiter = ("--" + boundary.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        String body = new String(request.body(), StandardCharsets.ISO_8859_1);
        String marker = new String(delimiter, StandardCharsets.ISO_8859_1);
        assertThat(body).startsWith(marker).endsWith(marker + "--\r\n");
        String[] chunks = body.substring(marker.length(), body.length() - ("\r\n" + marker + "--\r\n").length())
                .split(Pattern.quote("\r\n" + marker));
        return Arrays.stream(chunks)
                .map(chunk -> {
                    int headerEnd = chunk.indexOf("\r\n\r\n");
                    String headers = chunk.substring(0, headerEnd);
                    String content = chunk.substring(headerEnd + 4);
                    return new Part(
                            headerParameter(headers, "name"),
                            headerParameter(headers, "filename"),
                            headers.replaceAll("(?s).*Content-Type:\\s*([^\\r\\n]+).*", "$1"),
                            content.getBytes(StandardCharsets.ISO_8859_1));
                })
                .toList();
    }

    private static String headerParameter(String headers, String name) {
        Matcher matcher = Pattern.compile("[;\\s]" + name + "=\"([^\"]*)\"").matcher(headers);
        return matcher.find() ? matcher.group(1) : null;
    }
}
