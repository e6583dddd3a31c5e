package io.monitron.indexer.testing;

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
 * Who runs the Elasticsearch processes. Elasticsearch refuses to run as root, so when the test JVM is root (as in CI)
 * the processes run as {@code nobody} (65534) through {@code setpriv}, and that user must own the files they use.
 */
final class ProcessOwner {

    private static final int NOBODY = 65534;

    private final boolean switchToNobody;

    private ProcessOwner(boolean switchToNobody) {
        this.switchToNobody = switchToNobody;
    }

    static ProcessOwner forThisJvm() {
        return new ProcessOwner(isRoot());
    }

    private static boolean isRoot() {
        try {
            return new UnixSystem().getUid() == 0;
        } catch (LinkageError | RuntimeException notUnix) {
            return false;
        }
    }

    /** Whether Elasticsearch runs as another user than this JVM (uid 65534, because this JVM runs as root). */
    boolean switchesUser() {
        return switchToNobody;
    }

    /** The command, prefixed so that it runs as the owner. */
    List<String> command(List<String> command) {
        if (!switchToNobody) {
            return command;
        }
        List<String> wrapped =
                new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Hands the file, or the whole tree under a directory, to the owner. */
    void own(Path root) {
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
