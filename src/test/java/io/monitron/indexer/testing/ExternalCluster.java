package io.monitron.indexer.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A cluster someone else runs, named by the environment: {@code ES_URL}, optionally {@code ES_USERNAME} and
 * {@code ES_PASSWORD} (a superuser), and {@code ES_CA_CERT} (PEM of the HTTP CA, for a self-signed https cluster).
 * The fixture never stops it. A flavour the cluster cannot offer (e.g. {@code secured()} without credentials) makes
 * the tests that ask for it skipped, not failed.
 */
final class ExternalCluster implements Backend {

    private final URI url;
    private final Optional<Credentials> admin;
    private final Optional<Path> caCertificate;

    private ExternalCluster(URI url, Optional<Credentials> admin, Optional<Path> caCertificate) {
        this.url = url;
        this.admin = admin;
        this.caCertificate = caCertificate;
    }

    static boolean configured(Map<String, String> environment) {
        return value(environment, "ES_URL").isPresent();
    }

    static ExternalCluster fromEnvironment(FixtureKind kind, Map<String, String> environment) {
        String rawUrl = value(environment, "ES_URL").orElseThrow();
        URI url = URI.create(rawUrl.endsWith("/") ? rawUrl.substring(0, rawUrl.length() - 1) : rawUrl);
        Optional<String> username = value(environment, "ES_USERNAME");
        Optional<Credentials> admin = username.map(
                name -> new Credentials(name, value(environment, "ES_PASSWORD").orElse("")));
        Optional<Path> ca = value(environment, "ES_CA_CERT").map(Path::of);
        ca.ifPresent(file -> {
            if (!Files.isReadable(file)) {
                throw new IllegalStateException("ES_CA_CERT names " + file + ", which is not a readable file");
            }
        });
        Assumptions.assumeTrue(
                !kind.security() || admin.isPresent(),
                () -> "ES_URL is set without ES_USERNAME/ES_PASSWORD; tests needing the " + kind.instanceName()
                        + " cluster are skipped");
        Assumptions.assumeTrue(
                !kind.tls() || ("https".equals(url.getScheme()) && ca.isPresent()),
                () -> "ES_URL is not https with an ES_CA_CERT; tests needing the " + kind.instanceName()
                        + " cluster are skipped");
        return new ExternalCluster(url, admin, ca);
    }

    private static Optional<String> value(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }

    @Override
    public String description() {
        return "existing cluster from ES_URL"
                + admin.map(a -> " as " + a.username()).orElse("");
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public Optional<Credentials> admin() {
        return admin;
    }

    @Override
    public Optional<Path> caCertificate() {
        return caCertificate;
    }

    @Override
    public Optional<FileRealm> fileRealm() {
        return Optional.empty();
    }

    @Override
    public boolean isLocalDistribution() {
        return false;
    }

    @Override
    public void stop() {
        // not ours to stop
    }
}
