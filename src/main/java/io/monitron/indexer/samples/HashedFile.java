package io.monitron.indexer.samples;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A file being written, optionally gzipped, that knows the SHA-256 of its uncompressed content (what CloudTrail
 * digest files record) and its size on disk. Write to {@link #stream()}; {@link #close()} finishes it.
 */
final class HashedFile implements AutoCloseable {
    private final CountingOutputStream onDisk;
    private final MessageDigest sha256;
    private final OutputStream stream;
    private boolean closed;

    HashedFile(Path path, boolean gzip) throws IOException {
        Files.createDirectories(path.getParent());
        this.onDisk = new CountingOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        OutputStream body = gzip ? new GZIPOutputStream(onDisk, 1 << 16) : onDisk;
        this.stream = new DigestOutputStream(body, sha256);
    }

    OutputStream stream() {
        return stream;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            stream.close();
        }
    }

    /** The SHA-256 of the uncompressed content, hex-encoded; only after {@link #close()}. */
    String sha256Hex() {
        if (!closed) {
            throw new UncheckedIOException(new IOException("the file is still open"));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    long bytesOnDisk() {
        return onDisk.count();
    }
}
