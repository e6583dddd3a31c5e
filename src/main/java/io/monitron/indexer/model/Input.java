package io.monitron.indexer.model;

import java.io.IOException;
import java.io.InputStream;

/**
 * One unit of input: a local file, an S3 object, a page of LookupEvents results.
 *
 * <p>{@link #location()} names it for people (log lines, dead letters, {@code log.file.path}); {@link #stateKey()}
 * and {@link #version()} identify it for the checkpoint: an input is read again only when no input with the same key
 * and version was completed before.
 */
public interface Input {
    /** A path, {@code s3://bucket/key} or similar; never contains credentials. */
    String location();

    /** Stable identity across runs and machines (e.g. {@code s3://bucket/key}, an absolute path). */
    default String stateKey() {
        return location();
    }

    /** What changes when the content changes (size and modification time, an ETag); empty when unknown. */
    String version();

    /** Size in bytes, or -1 when unknown. */
    long size();

    /** Opens the raw bytes (still compressed if the input is). The caller closes the stream. */
    InputStream open() throws IOException;
}
