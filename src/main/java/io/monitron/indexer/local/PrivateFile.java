package io.monitron.indexer.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** A file only its owner can read (mode 600), written whole: it never exists with wider permissions or half written. */
final class PrivateFile {

    private PrivateFile() {}

    static void write(Path file, String content) {
        Path folder = file.toAbsolutePath().getParent();
        try {
            Path next = Files.createTempFile(
                    folder,
                    file.getFileName().toString(),
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(next, content, StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
