package io.monitron.indexer.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.config.TlsContexts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;

/** Builds the Elasticsearch client from settings: nodes, auth, TLS. The one place that touches credentials. */
public final class ElasticsearchClients {
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
        return new ElasticsearchClient(new RestTransport(restClient, new JacksonJsonpMapper()));
    }

    /** The low-level REST client under a client made by {@link #create}, for requests the Java client has no API for. */
    public static RestClient restClient(ElasticsearchClient client) {
        return ((RestTransport) client._transport()).restClient();
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
        return TlsContexts.trusting(
                "Elasticsearch", settings.caCertificate(), settings.caFingerprint(), settings.insecure());
    }

    private static HttpHost host(URI url) {
        int port = url.getPort() != -1 ? url.getPort() : (url.getScheme().equals("https") ? 443 : 80);
        return new HttpHost(url.getHost(), port, url.getScheme());
    }
}
