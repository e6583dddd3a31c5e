package io.monitron.indexer.local;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Who runs the node. Elasticsearch refuses to run as root, so when this JVM is root the node and its tools run as
 * {@code nobody} (65534) through {@code setpriv}, and that user owns the node's files (never the password files). The
 * test fixture starts its nodes the same way.
 */
public final class NodeOwner {

    private static final int NOBODY = 65534;

    private final boolean switchToNobody;

    private NodeOwner(boolean switchToNobody) {
        this.switchToNobody = switchToNobody;
    }

    public static NodeOwner forThisJvm() {
        return new NodeOwner(isRoot());
    }

    private static boolean isRoot() {
        try {
            return new UnixSystem().getUid() == 0;
        } catch (LinkageError | RuntimeException notUnix) {
            return false;
        }
    }

    /** Whether the node runs as another user than this JVM. */
    public boolean switchesUser() {
        return switchToNobody;
    }

    /** The command, prefixed so that it runs as the owner. */
    public List<String> command(List<String> command) {
        if (!switchToNobody) {
            return command;
        }
        List<String> wrapped =
                new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Hands the file, or the whole tree under a directory, to the owner. */
    public void own(Path root) {
        if (!switchToNobody) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setAttribute(path, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + root + " to uid " + NOBODY, e);
        }
    }
}
