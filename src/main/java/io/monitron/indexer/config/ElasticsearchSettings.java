package io.monitron.indexer.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How to reach Elasticsearch.
 *
 * @param urls one or more node URLs, all http or all https
 * @param username basic-auth user, with {@code password}
 * @param password basic-auth password
 * @param apiKey an API key (the base64 "encoded" form), used instead of basic auth when present
 * @param caCertificate a PEM CA certificate to trust for https
 * @param caFingerprint the SHA-256 fingerprint of the CA certificate to trust, instead of a CA file
 * @param insecure skip TLS certificate verification (explicit opt-in; a warning is printed)
 */
public record ElasticsearchSettings(
        List<URI> urls,
        Optional<String> username,
        Optional<Secret> password,
        Optional<Secret> apiKey,
        Optional<Path> caCertificate,
        Optional<String> caFingerprint,
        boolean insecure) {

    /** Where Elasticsearch credentials go instead of the URL. */
    public static final String CREDENTIALS = "ES_USERNAME and ES_PASSWORD (or --es-password-file), or an API key";

    public ElasticsearchSettings {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new ConfigException("no Elasticsearch URL: give --es-url or set ES_URL");
        }
        for (URI url : urls) {
            // checked where the URLs are given (ServerUrl), with the option or variable named; here for any other way
            String authority = url.getRawAuthority();
            if (authority != null && authority.contains("@")) {
                throw new ConfigException(
                        "put Elasticsearch credentials in " + CREDENTIALS + ", not in the URL: " + redact(url));
            }
            String scheme = url.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new ConfigException("Elasticsearch URL must look like http(s)://host:port, got: " + redact(url));
            }
        }
        if (username.isPresent() != password.isPresent()) {
            throw new ConfigException("basic auth needs both a username (ES_USERNAME) and a password (ES_PASSWORD or"
                    + " --es-password-file)");
        }
        if (caCertificate.isPresent() && caFingerprint.isPresent()) {
            throw new ConfigException("give either --es-ca-cert or --es-ca-fingerprint, not both");
        }
    }

    public boolean usesTls() {
        return urls.get(0).getScheme().equals("https");
    }

    /** A URL with anything that may be user info hidden, safe for messages ({@link ServerUrl#redact}). */
    public static String redact(URI url) {
        return ServerUrl.redact(url.toString());
    }
}
