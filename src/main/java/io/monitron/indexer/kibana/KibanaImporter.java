package io.monitron.indexer.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * Imports saved objects into Kibana through the saved objects import API: {@code POST
 * {kibana}[/s/{space}]/api/saved_objects/_import?overwrite=...} with the NDJSON as the multipart part {@code file}.
 *
 * <p>Kibana answers 200 even when objects fail; this client treats any per-object error, a response without the
 * documented shape and any non-2xx status as a failure and throws {@link KibanaImportException}. It does not retry:
 * an import with {@code overwrite=true} is idempotent, so the caller may simply run it again. Messages never carry
 * the authorization header or URL credentials.
 */
public final class KibanaImporter {

    /** Kibana space ids: lowercase letters, digits, '_' and '-'. Checked so a space can never change the path. */
    private static final Pattern SPACE_ID = Pattern.compile("[a-z0-9_-]{1,1024}");

    private static final String DEFAULT_SPACE = "default";
    private static final int MESSAGE_EXCERPT = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final Optional<String> authorization;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUrl Kibana's URL including any {@code server.basePath}, e.g. {@code https://kibana:5601}; no
     *     credentials in it
     * @param authorizationHeaderValue the full {@code Authorization} value ({@link KibanaAuthorization}), or empty
     * @param sslContext the TLS context for https URLs (trust store, client certificate)
     * @param timeout bound for connecting and for the whole request
     */
    public KibanaImporter(
            URI baseUrl, Optional<String> authorizationHeaderValue, SSLContext sslContext, Duration timeout) {
        this.baseUrl = checkedBaseUrl(baseUrl);
        this.authorization = Objects.requireNonNull(authorizationHeaderValue, "authorizationHeaderValue");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder()
                .sslContext(Objects.requireNonNull(sslContext, "sslContext"))
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Imports the NDJSON file at {@code ndjson}; see {@link #importSavedObjects(InputStream, Optional, boolean)}. */
    public ImportReport importSavedObjects(Path ndjson, Optional<String> space, boolean overwrite) {
        try (InputStream in = Files.newInputStream(ndjson)) {
            return importSavedObjects(in, space, overwrite);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the saved objects file " + ndjson, e);
        }
    }

    /**
     * Sends the NDJSON to Kibana and returns its report when every object was imported.
     *
     * @param ndjson the saved objects, one JSON object per line; read fully, not closed
     * @param space the Kibana space id; empty or {@code default} means the default space
     * @param overwrite replace objects with the same ids (without it an existing id is a conflict that blocks all)
     * @throws KibanaImportException when Kibana cannot be reached, answers a non-2xx status, or reports any error
     */
    public ImportReport importSavedObjects(InputStream ndjson, Optional<String> space, boolean overwrite) {
        URI endpoint = endpoint(space, overwrite);
        byte[] content;
        try {
            content = ndjson.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the saved objects to import", e);
        }
        String boundary = "monitron-" + UUID.randomUUID();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("kbn-xsrf", "true")
                .header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, content)));
        authorization.ifPresent(value -> request.header("Authorization", value));

        HttpResponse<String> response = send(request.build(), endpoint);
        return interpret(response, endpoint, space.orElse(DEFAULT_SPACE));
    }

    private HttpResponse<String> send(HttpRequest request, URI endpoint) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw failure(
                    "Kibana at " + endpoint + " did not answer within " + timeout
                            + "; check that it is up or raise the timeout",
                    OptionalInt.empty(),
                    null,
                    e);
        } catch (IOException e) {
            throw failure(
                    "cannot reach Kibana at " + baseUrl + " (" + ConnectionFailure.reason(e)
                            + "); check that Kibana is running at that URL, the network and the TLS trust settings",
                    OptionalInt.empty(),
                    null,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while importing into Kibana at " + endpoint, OptionalInt.empty(), null, e);
        }
    }

    private ImportReport interpret(HttpResponse<String> response, URI endpoint, String space) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw failure(
                    statusMessage(status, endpoint, space, kibanaMessage(response.body())), OptionalInt.of(status));
        }
        ImportReport report;
        try {
            report = ImportReport.fromJson(JSON.readTree(response.body()));
        } catch (IOException | IllegalArgumentException e) {
            throw failure(
                    "Kibana at " + endpoint + " answered " + status + " with a body that is not an import response ("
                            + excerpt(response.body()) + "); is the URL Kibana's and not Elasticsearch's or a proxy's?",
                    OptionalInt.of(status));
        }
        if (!report.isClean()) {
            String details = report.errors().stream()
                    .map(error -> "  - " + error.describe())
                    .collect(Collectors.joining("\n"));
            String summary = report.errors().isEmpty()
                    ? "Kibana reported the import as failed without naming an object"
                    : "Kibana refused " + report.errors().size() + " saved object(s); with conflicts or missing"
                            + " references it writes none of the file:\n" + details;
            throw new KibanaImportException(summary, OptionalInt.of(status), report, null);
        }
        return report;
    }

    private static String statusMessage(int status, URI endpoint, String space, String kibanaMessage) {
        String said = kibanaMessage.isEmpty() ? "" : ": " + kibanaMessage;
        return switch (status) {
            case 400 -> "Kibana rejected the import request (400" + said + "); check the NDJSON file";
            case 401 -> "Kibana rejected the credentials (401" + said + "); check the user and password or API key";
            case 403 ->
                "the Kibana user may not import saved objects into space '" + space + "' (403" + said
                        + "); grant it write access to dashboards, visualizations, Discover and data views";
            case 404 ->
                "Kibana has no import endpoint at " + endpoint + " (404" + said
                        + "); check the Kibana URL (including any base path) and that space '" + space + "' exists";
            case 413 ->
                "the saved objects file is larger than Kibana accepts (413" + said
                        + "); raise savedObjects.maxImportPayloadBytes";
            default ->
                "Kibana answered " + status + " to the import" + said
                        + (status >= 500 ? "; see the Kibana server log" : "");
        };
    }

    /** Kibana's error body is {@code {"statusCode":..,"error":..,"message":..}}; anything else is quoted briefly. */
    private static String kibanaMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return excerpt(node.get("message").asText());
            }
        } catch (IOException notJson) {
            // fall through: quote the raw body
        }
        return excerpt(body);
    }

    private static String excerpt(String text) {
        String oneLine = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MESSAGE_EXCERPT ? oneLine : oneLine.substring(0, MESSAGE_EXCERPT) + "...";
    }

    private URI endpoint(Optional<String> space, boolean overwrite) {
        String path = baseUrl.toString();
        if (space.isPresent() && !space.get().equals(DEFAULT_SPACE)) {
            if (!SPACE_ID.matcher(space.get()).matches()) {
                throw new IllegalArgumentException(
                        "'" + space.get() + "' is not a Kibana space id (lowercase letters, digits, '_' and '-' only)");
            }
            path += "/s/" + space.get();
        }
        return URI.create(path + "/api/saved_objects/_import?overwrite=" + overwrite);
    }

    private static URI checkedBaseUrl(URI url) {
        Objects.requireNonNull(url, "baseUrl");
        String scheme = url.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || url.getHost() == null) {
            throw new IllegalArgumentException("the Kibana URL must be an absolute http or https URL");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "the Kibana URL must not contain credentials; pass them as the authorization instead");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("the Kibana URL must not have a query or fragment");
        }
        String text = url.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    private static byte[] multipart(String boundary, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 256);
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"monitron.ndjson\"\r\n"
                + "Content-Type: application/ndjson\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private static KibanaImportException failure(String message, OptionalInt status) {
        return new KibanaImportException(message, status, null, null);
    }

    private static KibanaImportException failure(
            String message, OptionalInt status, ImportReport report, Throwable cause) {
        return new KibanaImportException(message, status, report, cause);
    }

    @Override
    public String toString() {
        return "KibanaImporter[" + baseUrl + ", authorization " + (authorization.isPresent() ? "set" : "none") + "]";
    }
}
