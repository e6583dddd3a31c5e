package io.monitron.indexer.parse;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Opens an input as plain bytes, decompressing it when it starts with the gzip magic bytes. The file name is not
 * consulted: CloudTrail copies are often renamed, and a {@code .gz} that is not gzip must still be read (or rejected)
 * for what it is.
 */
public final class GzipDetectingInput {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    static final int BUFFER_SIZE = 64 * 1024;

    private GzipDetectingInput() {}

    /** Wraps {@code raw}; closing the result closes {@code raw}. */
    public static InputStream open(InputStream raw) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_SIZE);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        if (first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2) {
            return new GZIPInputStream(buffered, BUFFER_SIZE);
        }
        return buffered;
    }
}
