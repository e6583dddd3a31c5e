package io.monitron.indexer.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

/**
 * Where the local node keeps its files. The state folder ({@code .local-elasticsearch/} by default) belongs to the
 * user and holds what the user needs: the password files (mode 600) and {@code env}, a file to source for the
 * indexer. The node folder holds what the node writes: its copy of the distribution, data, logs and pid file. It is
 * {@code node/} inside the state folder, or, when the node runs as another user who could not reach that folder (root
 * with a checkout under a private folder), a folder of its own under the temporary folder.
 *
 * @param stateDir the user's folder, absolute
 * @param nodeDir the node's folder, absolute
 */
public record NodeFiles(Path stateDir, Path nodeDir) {

    static NodeFiles in(Path stateDir, NodeOwner owner) {
        Path state = stateDir.toAbsolutePath().normalize();
        Path node = state.resolve("node");
        if (owner.switchesUser() && !traversableByOthers(node)) {
            node = Path.of(
                    System.getProperty("java.io.tmpdir"),
                    "monitron-local-elasticsearch-"
                            + Integer.toHexString(state.toString().hashCode()));
        }
        return new NodeFiles(state, node);
    }

    /** The password of the user {@code elastic}, mode 600. */
    public Path passwordFile() {
        return stateDir.resolve("elastic-password");
    }

    /** The same password as a curl {@code --netrc-file}, mode 600. */
    public Path netrcFile() {
        return stateDir.resolve("netrc");
    }

    /** Settings for a Kibana in Docker ({@code --env-file}): the node's URL and a service token, mode 600. */
    public Path kibanaEnvFile() {
        return stateDir.resolve("kibana.env");
    }

    /** {@code ES_URL}, {@code ES_USERNAME}, {@code ES_PASSWORD_FILE} for the indexer, to source in a shell. */
    public Path envFile() {
        return stateDir.resolve("env");
    }

    Path home() {
        return nodeDir.resolve("elasticsearch");
    }

    Path data() {
        return nodeDir.resolve("data");
    }

    public Path logs() {
        return nodeDir.resolve("logs");
    }

    Path tmp() {
        return nodeDir.resolve("tmp");
    }

    Path pidFile() {
        return nodeDir.resolve("pid");
    }

    /** What the start printed, up to "started" (the node's own log is in {@link #logs()}). */
    public Path console() {
        return nodeDir.resolve("console.log");
    }

    Path portsFile() {
        return logs().resolve("http.ports");
    }

    Path copyMarker() {
        return home().resolve(".copied-from");
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
