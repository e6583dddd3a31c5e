package io.monitron.indexer.testing;

import io.monitron.indexer.local.NodeOwner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

/**
 * The unpacked Elasticsearch distribution the build provides, and where the fixture keeps its per-instance copies.
 *
 * @param home the unpacked distribution, e.g. {@code target/es-dist/elasticsearch-8.19.21}
 * @param version its version
 * @param instancesRoot where each instance gets its own copy, {@code target/es-instances}
 */
record LocalDistribution(Path home, String version, Path instancesRoot) {

    static final String DEFAULT_VERSION = "8.19.21";

    /**
     * The distribution named by the system properties Failsafe sets ({@code es.distribution}, {@code es.version}),
     * falling back to {@code target/es-dist/elasticsearch-<version>} for runs from an IDE.
     */
    static LocalDistribution fromSystemProperties() {
        String version = System.getProperty("es.version", DEFAULT_VERSION);
        Path home = Path.of(System.getProperty("es.distribution", "target/es-dist/elasticsearch-" + version))
                .toAbsolutePath()
                .normalize();
        if (!Files.isExecutable(home.resolve("bin/elasticsearch"))) {
            throw new IllegalStateException("no Elasticsearch distribution at " + home
                    + "; unpack it with `./mvnw -B -o pre-integration-test -DskipTests`, or set ES_URL to use a"
                    + " running cluster");
        }
        Path instancesRoot = home.getParent().resolveSibling("es-instances");
        if (NodeOwner.forThisJvm().switchesUser() && !traversableByOthers(instancesRoot)) {
            // e.g. a checkout under a private (0700) temporary folder: uid 65534 could not reach target/ at all, so
            // the copies go where it can, one folder per checkout
            instancesRoot = Path.of(
                    System.getProperty("java.io.tmpdir"),
                    "monitron-es-instances-"
                            + Integer.toHexString(home.toString().hashCode()));
        }
        return new LocalDistribution(home, version, instancesRoot);
    }

    /** Whether every existing folder above {@code path} lets other users pass through. */
    private static boolean traversableByOthers(Path path) {
        for (Path folder = path.getParent(); folder != null; folder = folder.getParent()) {
            try {
                if (Files.exists(folder)
                        && !Files.getPosixFilePermissions(folder).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }
}
