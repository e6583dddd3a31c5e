package io.monitron.indexer.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class IoFailureTest {
    @Test
    void givesThePlainReasonAndTheClassNeverThePathAgain() {
        assertThat(IoFailure.describe(new AccessDeniedException("/data/in")))
                .isEqualTo("permission denied (AccessDeniedException)");
        assertThat(IoFailure.describe(new NoSuchFileException("/data/in")))
                .isEqualTo("no such file or folder (NoSuchFileException)");
        assertThat(IoFailure.describe(new FileSystemException("/data/in", null, "Read-only file system")))
                .isEqualTo("read-only file system (FileSystemException)");
        assertThat(IoFailure.describe(new FileNotFoundException("/data/in (Permission denied)")))
                .isEqualTo("permission denied (FileNotFoundException)");
        assertThat(IoFailure.describe(new IOException("Is a directory")))
                .isEqualTo("it is a folder, not a file (IOException)");
        assertThat(IoFailure.describe(new IOException())).isEqualTo("failed (IOException)");
    }
}
