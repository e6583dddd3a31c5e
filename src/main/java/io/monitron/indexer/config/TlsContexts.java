package io.monitron.indexer.config;

import co.elastic.clients.transport.TransportUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** TLS trust for the servers we talk to (Elasticsearch, Kibana): the JDK's CAs, a CA file, a pinned CA fingerprint. */
public final class TlsContexts {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

    private TlsContexts() {}

    /**
     * @param server names the server in messages, e.g. "Elasticsearch"
     * @param insecure skip verification entirely (explicit opt-in; warns)
     */
    public static SSLContext trusting(
            String server, Optional<Path> caCertificate, Optional<String> caFingerprint, boolean insecure) {
        try {
            if (insecure) {
                LOG.warn(
                        "TLS certificate verification for {} is OFF (--insecure): anyone on the network path can read"
                                + " and change what is sent, credentials included",
                        server);
                return trustAll();
            }
            if (caFingerprint.isPresent()) {
                return TransportUtils.sslContextFromCaFingerprint(normalizeFingerprint(caFingerprint.get()));
            }
            if (caCertificate.isPresent()) {
                return TransportUtils.sslContextFromHttpCaCrt(
                        caCertificate.get().toFile());
            }
            return SSLContext.getDefault();
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot read the CA certificate " + caCertificate.orElse(null) + " for " + server + ": "
                            + IoFailure.describe(e),
                    e);
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof ConfigException config) {
                throw config;
            }
            throw new ConfigException("cannot set up TLS for " + server + ": " + e.getMessage(), e);
        }
    }

    static String normalizeFingerprint(String fingerprint) {
        String hex = fingerprint.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new ConfigException("a CA fingerprint must be SHA-256: 64 hex digits, colons allowed");
        }
        return hex;
    }

    private static SSLContext trustAll() throws GeneralSecurityException {
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
}
