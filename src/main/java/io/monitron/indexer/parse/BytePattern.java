package io.monitron.indexer.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A byte sequence to find in raw records without decoding them (Boyer–Moore–Horspool: on a miss it skips ahead by up
 * to the pattern's length, so a 22-byte pattern is looked for in a 1 KB record with a few dozen comparisons).
 * Immutable and thread-safe.
 */
public final class BytePattern {
    private final byte[] pattern;
    private final int[] skip = new int[256];

    private BytePattern(byte[] pattern) {
        if (pattern.length == 0) {
            throw new IllegalArgumentException("empty pattern");
        }
        this.pattern = pattern.clone();
        int last = pattern.length - 1;
        Arrays.fill(skip, pattern.length);
        for (int i = 0; i < last; i++) {
            skip[pattern[i] & 0xff] = last - i;
        }
    }

    public static BytePattern of(String text) {
        return new BytePattern(text.getBytes(StandardCharsets.UTF_8));
    }

    public static BytePattern of(byte[] bytes) {
        return new BytePattern(bytes);
    }

    /** The index of the first occurrence within {@code [offset, offset + length)}, or -1. */
    public int indexIn(byte[] haystack, int offset, int length) {
        final byte[] p = pattern;
        final int last = p.length - 1;
        final byte lastByte = p[last];
        int i = offset;
        final int end = offset + length - p.length;
        while (i <= end) {
            byte b = haystack[i + last];
            if (b == lastByte && matchesAt(haystack, i)) {
                return i;
            }
            i += skip[b & 0xff];
        }
        return -1;
    }

    public boolean foundIn(byte[] haystack, int offset, int length) {
        return indexIn(haystack, offset, length) >= 0;
    }

    private boolean matchesAt(byte[] haystack, int at) {
        final byte[] p = pattern;
        for (int j = p.length - 2; j >= 0; j--) {
            if (haystack[at + j] != p[j]) {
                return false;
            }
        }
        return true;
    }
}
