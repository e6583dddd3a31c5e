package io.monitron.indexer.parse;

import static io.monitron.indexer.parse.Swar.HIGH_BITS;
import static io.monitron.indexer.parse.Swar.LONGS;
import static io.monitron.indexer.parse.Swar.LOW_BITS;
import static io.monitron.indexer.parse.Swar.repeated;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * Finds, in raw bytes, the last place where any of a few byte sequences (the needles) occurs, or, when asked, a JSON
 * {@code \}u escape (through which a needle could be spelled without its bytes appearing).
 *
 * <p>Built to be cheap on bytes that hold nothing: it walks back from the end in 256-byte blocks, and tests each block
 * eight positions at a time on machine words (SWAR) for two bytes of each needle at their distance, and for
 * backslashes; only a block that passes is searched byte by byte. On CloudTrail text this runs several times faster
 * than decompression. Immutable and thread-safe.
 */
public final class NeedleSearch {
    private static final long BACKSLASHES = repeated('\\');
    private static final int BLOCK = 256;

    private final byte[][] needles;
    /** Per needle, the two positions tested by the block filter, and their bytes repeated in every byte of a word. */
    private final int[] firstAt;

    private final int[] secondAt;
    private final long[] firstBytes;
    private final long[] secondBytes;
    private final boolean unicodeEscapes;
    /** Bytes the block filter reads from a start position onwards. */
    private final int reach;

    private NeedleSearch(byte[][] needles, boolean unicodeEscapes) {
        this.needles = needles;
        this.unicodeEscapes = unicodeEscapes;
        int n = needles.length;
        firstAt = new int[n];
        secondAt = new int[n];
        firstBytes = new long[n];
        secondBytes = new long[n];
        int widest = 0;
        for (int k = 0; k < n; k++) {
            byte[] needle = needles[k];
            if (needle.length == 0) {
                throw new IllegalArgumentException("empty needle");
            }
            int[] pair = filterPositions(needle);
            firstAt[k] = pair[0];
            secondAt[k] = pair[1];
            firstBytes[k] = repeated(needle[pair[0]]);
            secondBytes[k] = repeated(needle[pair[1]]);
            widest = Math.max(widest, pair[1]);
        }
        reach = widest + Long.BYTES;
    }

    /**
     * @param needles the byte sequences, as UTF-8
     * @param unicodeEscapes also report {@code \}u escapes
     */
    public static NeedleSearch of(Collection<String> needles, boolean unicodeEscapes) {
        return new NeedleSearch(
                needles.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new), unicodeEscapes);
    }

    /** Whether {@code [from, to)} holds a needle (or an escape, when asked for). */
    public boolean foundIn(byte[] bytes, int from, int to) {
        return endOfLast(bytes, from, to) >= 0;
    }

    /**
     * The index just past the occurrence that starts last within {@code [from, to)} and ends by {@code to}: a needle,
     * or the two bytes of a {@code \}u escape; -1 when there is none.
     */
    public int endOfLast(byte[] bytes, int from, int to) {
        int blockEnd = to;
        while (blockEnd > from) {
            int blockStart = Math.max(from, blockEnd - BLOCK);
            if (blockMayHold(bytes, blockStart, blockEnd, to)) {
                int end = lastIn(bytes, blockStart, blockEnd, to);
                if (end >= 0) {
                    return end;
                }
            }
            blockEnd = blockStart;
        }
        return -1;
    }

    /**
     * The index where the first occurrence within {@code [from, to)} starts (a needle ending by {@code to}, or a
     * {@code \}u escape); -1 when there is none.
     */
    public int startOfFirst(byte[] bytes, int from, int to) {
        int blockStart = from;
        while (blockStart < to) {
            int blockEnd = Math.min(to, blockStart + BLOCK);
            if (blockMayHold(bytes, blockStart, blockEnd, to)) {
                int start = firstIn(bytes, blockStart, blockEnd, to);
                if (start >= 0) {
                    return start;
                }
            }
            blockStart = blockEnd;
        }
        return -1;
    }

    /**
     * The block filter, for start positions {@code [start, end)}: false only when none can begin a needle or escape.
     * Exact for bytes that hold nothing; a word that holds a true hit may flag other positions too (borrows only move
     * up), which the byte-by-byte search then rules out.
     */
    private boolean blockMayHold(byte[] bytes, int start, int end, int limit) {
        long hits = 0;
        final int last = Math.min(end, limit - reach + 1);
        int s = start;
        for (; s < last; s += Long.BYTES) {
            hits |= wordHits(bytes, s);
        }
        // positions too close to the limit for whole words are left to the byte-by-byte search
        return hits != 0 || s < end;
    }

    /**
     * For the eight start positions {@code s .. s + 7}, the high bit of byte {@code j} set when position {@code s + j}
     * may begin a needle or escape. Exact for text without bytes above 0x7F (false hits only, never a miss, otherwise):
     * a zero byte of {@code x} is found as {@code (x - 0x01) & ~x & 0x80} per byte, with the three tests folded into
     * one borrow check.
     */
    private long wordHits(byte[] bytes, int s) {
        long escape = unicodeEscapes ? (long) LONGS.get(bytes, s) ^ BACKSLASHES : -1L;
        long first = (long) LONGS.get(bytes, s + firstAt[0]) ^ firstBytes[0];
        long second = (long) LONGS.get(bytes, s + secondAt[0]) ^ secondBytes[0];
        long hits = ((((first - LOW_BITS) & (second - LOW_BITS)) & ~(first | second)) | ((escape - LOW_BITS) & ~escape))
                & HIGH_BITS;
        for (int j = 1; j < needles.length; j++) {
            long a = (long) LONGS.get(bytes, s + firstAt[j]) ^ firstBytes[j];
            long b = (long) LONGS.get(bytes, s + secondAt[j]) ^ secondBytes[j];
            hits |= ((a - LOW_BITS) & (b - LOW_BITS)) & ~(a | b) & HIGH_BITS;
        }
        return hits;
    }

    private int lastIn(byte[] bytes, int start, int end, int limit) {
        // the positions too close to the limit for whole words, one by one; then word by word, flagged positions only
        final int wordsEnd = Math.max(start, Math.min(end, limit - reach + 1));
        for (int s = end - 1; s >= wordsEnd; s--) {
            int stop = endOfOccurrenceAt(bytes, s, limit);
            if (stop >= 0) {
                return stop;
            }
        }
        if (wordsEnd == start) {
            return -1;
        }
        for (int word = start + ((wordsEnd - start - 1) / Long.BYTES) * Long.BYTES; word >= start; word -= Long.BYTES) {
            long hits = wordHits(bytes, word);
            while (hits != 0) {
                int j = (63 - Long.numberOfLeadingZeros(hits)) >>> 3;
                hits &= ~(0x80L << (j * 8));
                int s = word + j;
                if (s < wordsEnd) {
                    int stop = endOfOccurrenceAt(bytes, s, limit);
                    if (stop >= 0) {
                        return stop;
                    }
                }
            }
        }
        return -1;
    }

    private int firstIn(byte[] bytes, int start, int end, int limit) {
        final int wordsEnd = Math.max(start, Math.min(end, limit - reach + 1));
        for (int word = start; word < wordsEnd; word += Long.BYTES) {
            long hits = wordHits(bytes, word);
            while (hits != 0) {
                int j = Long.numberOfTrailingZeros(hits) >>> 3;
                hits &= hits - 1;
                int s = word + j;
                if (s < wordsEnd && endOfOccurrenceAt(bytes, s, limit) >= 0) {
                    return s;
                }
            }
        }
        for (int s = wordsEnd; s < end; s++) {
            if (endOfOccurrenceAt(bytes, s, limit) >= 0) {
                return s;
            }
        }
        return -1;
    }

    /** The end of the escape or needle starting at {@code s} and ending by {@code limit}, or -1. */
    private int endOfOccurrenceAt(byte[] bytes, int s, int limit) {
        byte b = bytes[s];
        if (unicodeEscapes && b == '\\' && s + 2 <= limit && bytes[s + 1] == 'u') {
            return s + 2;
        }
        for (byte[] needle : needles) {
            int stop = s + needle.length;
            if (b == needle[0] && stop <= limit && Arrays.equals(bytes, s, stop, needle, 0, needle.length)) {
                return stop;
            }
        }
        return -1;
    }

    /**
     * Which two bytes of a needle the block filter tests. For an AWS service host ({@code monitron.amazonaws.com}) the
     * rare part is the service name, not the {@code .amazonaws.com} every event carries: the first dot and the byte
     * three before it. Otherwise the first and the last byte. Any choice is correct; this one keeps false hits rare.
     */
    private static int[] filterPositions(byte[] needle) {
        int dot = -1;
        for (int i = 1; i < needle.length; i++) {
            if (needle[i] == '.') {
                dot = i;
                break;
            }
        }
        return dot > 0 ? new int[] {Math.max(0, dot - 3), dot} : new int[] {0, needle.length - 1};
    }
}
