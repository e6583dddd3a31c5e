package io.monitron.indexer.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
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
    private static final int MIN_BUFFER_SIZE = 512;

    private GzipDetectingInput() {}

    /** Wraps {@code raw}; closing the result closes {@code raw}. */
    public static InputStream open(InputStream raw) throws IOException {
        // two bytes pushed back, not a buffer: gzip reads through its own input buffer, and plain text is read in
        // large windows by the splitter
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        int first = in.read();
        int second = first < 0 ? -1 : in.read();
        if (second >= 0) {
            in.unread(second);
        }
        if (first >= 0) {
            in.unread(first);
        }
        if (first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2) {
            // an input held in memory says how long it is: a smaller file needs no larger input buffer
            int available = raw.available();
            int size = available > 0 ? Math.max(MIN_BUFFER_SIZE, Math.min(BUFFER_SIZE, available + 2)) : BUFFER_SIZE;
            return new GZIPInputStream(in, size);
        }
        return in;
    }
}
