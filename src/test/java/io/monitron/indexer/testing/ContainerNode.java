package io.monitron.indexer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A node in a Testcontainers {@link ElasticsearchContainer} running the official image, used when Docker is there.
 * The full image has the native realm, so users and roles go through the security REST API.
 */
final class ContainerNode implements Backend {

    private static final String IMAGE = "docker.elastic.co/elasticsearch/elasticsearch";
    private static final String SUPERUSER = "elastic";

    private final ElasticsearchContainer container;
    private final URI url;
    private final Optional<Credentials> admin;
    private final Optional<Path> caCertificate;

    private ContainerNode(
            ElasticsearchContainer container, URI url, Optional<Credentials> admin, Optional<Path> caCertificate) {
        this.container = container;
        this.url = url;
        this.admin = admin;
        this.caCertificate = caCertificate;
    }

    /**
     * Whether a Docker engine answers. Asking Testcontainers costs seconds of probing and log noise on machines
     * without Docker, so it is asked only when something suggests an engine is configured.
     */
    static boolean dockerAvailable() {
        Path userHome = Path.of(System.getProperty("user.home"));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        boolean configured = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(userHome.resolve(".testcontainers.properties"))
                || Files.exists(userHome.resolve(".docker/run/docker.sock"))
                || (runtimeDir != null && Files.exists(Path.of(runtimeDir, "docker.sock")));
        if (!configured) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static ContainerNode start(FixtureKind kind, String version, Path instancesRoot) {
        ElasticsearchContainer container = new ElasticsearchContainer(DockerImageName.parse(IMAGE + ":" + version))
                .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                .withEnv("cluster.routing.allocation.disk.threshold_enabled", "false")
                .withEnv("action.destructive_requires_name", "false");
        Optional<Credentials> admin = Optional.empty();
        if (!kind.security()) {
            container.withEnv("xpack.security.enabled", "false");
        } else {
            Credentials elastic = new Credentials(SUPERUSER, randomPassword());
            container.withPassword(elastic.password()).withEnv("xpack.security.enabled", "true");
            if (!kind.tls()) {
                container.withEnv("xpack.security.http.ssl.enabled", "false");
            }
            admin = Optional.of(elastic);
        }
        container.start();

        Optional<Path> caCertificate = Optional.empty();
        if (kind.tls()) {
            // the image makes its own HTTP CA on first start; copy it out so clients can trust it
            byte[] ca = container
                    .caCertAsBytes()
                    .orElseThrow(() -> new IllegalStateException("the Elasticsearch container has no HTTP CA"));
            Path file = instancesRoot.resolve(kind.instanceName()).resolve("http_ca.crt");
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, ca);
            } catch (IOException e) {
                container.stop();
                throw new UncheckedIOException("cannot write " + file, e);
            }
            caCertificate = Optional.of(file);
        }
        String scheme = kind.tls() ? "https" : "http";
        return new ContainerNode(
                container, URI.create(scheme + "://" + container.getHttpHostAddress()), admin, caCertificate);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String description() {
        return "Testcontainers " + container.getDockerImageName();
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
        container.stop();
    }
}
