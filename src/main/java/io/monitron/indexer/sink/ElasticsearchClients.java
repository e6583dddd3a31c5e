package io.monitron.indexer.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.TransportUtils;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.config.ElasticsearchSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Elasticsearch client from settings: nodes, auth, TLS. The one place that touches credentials. */
public final class ElasticsearchClients {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchClients.class);

    private ElasticsearchClients() {}

    public static ElasticsearchClient create(ElasticsearchSettings settings) {
        HttpHost[] hosts =
                settings.urls().stream().map(ElasticsearchClients::host).toArray(HttpHost[]::new);
        SSLContext ssl = sslContext(settings);
        Header[] headers = authorization(settings);
        RestClient restClient = RestClient.builder(hosts)
                .setDefaultHeaders(headers)
                .setRequestConfigCallback(c -> c.setConnectTimeout(10_000).setSocketTimeout(120_000))
                .setHttpClientConfigCallback(c -> {
                    if (ssl != null) {
                        c.setSSLContext(ssl);
                        if (settings.insecure() || settings.caFingerprint().isPresent()) {
                            // a pinned fingerprint or an explicit opt-out replaces host name verification
                            c.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
                        }
                    }
                    return c;
                })
                .build();
        return new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
    }

    /** The {@code Authorization} header value, for callers that speak HTTP themselves (e.g. to Kibana). */
    public static java.util.Optional<String> authorizationValue(ElasticsearchSettings settings) {
        if (settings.apiKey().isPresent()) {
            return java.util.Optional.of("ApiKey " + settings.apiKey().get().reveal());
        }
        if (settings.username().isPresent()) {
            String pair = settings.username().get() + ":"
                    + settings.password().orElseThrow().reveal();
            return java.util.Optional.of(
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return java.util.Optional.empty();
    }

    private static Header[] authorization(ElasticsearchSettings settings) {
        return authorizationValue(settings)
                .map(v -> new Header[] {new BasicHeader("Authorization", v)})
                .orElse(new Header[0]);
    }

    /** The TLS context for https URLs, or {@code null} for http. */
    public static SSLContext sslContext(ElasticsearchSettings settings) {
        if (!settings.usesTls()) {
            return null;
        }
        try {
            if (settings.insecure()) {
                LOG.warn("TLS certificate verification is OFF (--insecure): anyone on the network path can read and"
                        + " change what is sent, credentials included");
                return trustAll();
            }
            if (settings.caFingerprint().isPresent()) {
                return TransportUtils.sslContextFromCaFingerprint(
                        normalizeFingerprint(settings.caFingerprint().get()));
            }
            if (settings.caCertificate().isPresent()) {
                return TransportUtils.sslContextFromHttpCaCrt(
                        settings.caCertificate().get().toFile());
            }
            return SSLContext.getDefault();
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot read the CA certificate " + settings.caCertificate().orElse(null) + ": " + e.getMessage(),
                    e);
        } catch (RuntimeException | java.security.GeneralSecurityException e) {
            throw new ConfigException("cannot set up TLS for Elasticsearch: " + e.getMessage(), e);
        }
    }

    static String normalizeFingerprint(String fingerprint) {
        String hex = fingerprint.replace(":", "").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new ConfigException(
                    "--es-ca-fingerprint must be a SHA-256 fingerprint (64 hex digits, colons" + " allowed)");
        }
        return hex;
    }

    private static SSLContext trustAll() throws java.security.GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(
                null,
                new TrustManager[] {
                    new X509TrustManager() {
                        @Override
                        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                new SecureRandom());
        return context;
    }

    private static HttpHost host(URI url) {
        int port = url.getPort() != -1 ? url.getPort() : (url.getScheme().equals("https") ? 443 : 80);
        return new HttpHost(url.getHost(), port, url.getScheme());
    }
}
