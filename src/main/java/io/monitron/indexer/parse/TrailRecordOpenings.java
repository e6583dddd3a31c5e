package io.monitron.indexer.parse;

import static io.monitron.indexer.parse.Swar.LONGS;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Finds and counts records in a CloudTrail log file by their openings, without following their structure. CloudTrail
 * writes its files in one compact form: {@code {"Records":[}, then records separated by a comma alone, each an object
 * whose first member is {@code eventVersion}. So every record opens with {@code {"eventVersion":} and every record
 * after the first follows right after <code>&#125;,</code> (the previous record's end and the comma): a
 * <em>separated opening</em>. In valid JSON such an opening is always structural, never text inside a string: there
 * its quote would be escaped, and a string ending in a brace cannot be followed by a letter. So it opens an object
 * whose first key is {@code eventVersion}; after <code>&#125;,</code>, an element of an array that follows an object.
 *
 * <p>What it cannot tell: whether that array is the {@code Records} array or one nested inside a record. A record
 * whose payload holds an array of objects that themselves begin with {@code eventVersion} (embedded CloudTrail events
 * as JSON objects, which no CloudTrail record is known to carry) would be taken for several records; an element of
 * {@code Records} in another form ({@code {}}, an object opening with another member or with white space, or a
 * scalar or array before one of those) directly before a separated opening would go uncounted (it looks like part of
 * the record before it). Neither occurs in files CloudTrail writes; openings after white space, after a scalar
 * element, or as a member's value are told apart, and the caller checks that the last record counted ends right
 * before the opening it goes to ({@link #endOfObject}), so an opening beyond the array is not taken for a record.
 *
 * <p>Built for speed on text where openings are frequent (one per record, about one per kilobyte): every occurrence
 * of the 16-byte opening wholly contains an eight-byte word at one of eight offsets, so the text is read one word in
 * eight bytes, on a grid, and each word is looked up in a table of those eight words (a multiplicative hash with no
 * collisions between them). Only a word found there is checked in full.
 */
final class TrailRecordOpenings {
    /** How CloudTrail opens every record it writes into a log file. */
    private static final byte[] OPENING = "{\"eventVersion\":".getBytes(StandardCharsets.US_ASCII);

    private static final int TABLE_BITS = 5;
    /** Per hash slot, a word of the opening (or, in slots none of them uses, one that never hashes there). */
    private static final long[] WORDS = new long[1 << TABLE_BITS];
    /** Per hash slot, where that word starts in the opening. */
    private static final int[] OFFSETS = new int[1 << TABLE_BITS];

    private static final long MULTIPLIER;

    static {
        long[] words = new long[Long.BYTES];
        for (int k = 0; k < Long.BYTES; k++) {
            words[k] = (long) LONGS.get(OPENING, k);
        }
        SplittableRandom random = new SplittableRandom(16);
        long multiplier;
        search:
        while (true) {
            multiplier = random.nextLong() | 1;
            boolean[] used = new boolean[WORDS.length];
            for (long word : words) {
                int slot = slot(word, multiplier);
                if (used[slot]) {
                    continue search;
                }
                used[slot] = true;
            }
            break;
        }
        MULTIPLIER = multiplier;
        // a slot no opening word uses holds words[0], which hashes elsewhere: no text word can match it there
        Arrays.fill(WORDS, words[0]);
        for (int k = 0; k < words.length; k++) {
            int slot = slot(words[k], multiplier);
            WORDS[slot] = words[k];
            OFFSETS[slot] = k;
        }
    }

    private TrailRecordOpenings() {}

    private static int slot(long word, long multiplier) {
        return (int) ((word * multiplier) >>> (Long.SIZE - TABLE_BITS));
    }

    /** Whether a record opening starts at {@code at} and ends by {@code to}. */
    static boolean opensAt(byte[] bytes, int at, int to) {
        return at + OPENING.length <= to && Arrays.equals(bytes, at, at + OPENING.length, OPENING, 0, OPENING.length);
    }

    /**
     * Where the last separated opening lying wholly within {@code [from, to)}, its <code>&#125;,</code> included,
     * starts (the index of its brace); -1 when there is none.
     */
    static int lastSeparated(byte[] bytes, int from, int to) {
        for (int at = to - Long.BYTES; at >= from; at -= Long.BYTES) {
            long word = (long) LONGS.get(bytes, at);
            int slot = slot(word, MULTIPLIER);
            if (WORDS[slot] == word) {
                int start = at - OFFSETS[slot];
                if (start - 2 >= from && isSeparated(bytes, start) && opensAt(bytes, start, to)) {
                    return start;
                }
            }
        }
        return -1;
    }

    /**
     * How many records open within {@code [from, to)} when the range holds records in the compact form only: one
     * opening at {@code from}, every other one separated. -1 otherwise (an opening after white space or after a
     * scalar element, or one that is a member's value): the range must be split record by record.
     */
    static int recordsBetween(byte[] bytes, int from, int to) {
        if (!opensAt(bytes, from, to)) {
            return -1;
        }
        int openings = 0;
        int separated = 0;
        int free = from; // where the next opening may start: none overlap
        for (int at = from; at + Long.BYTES <= to; at += Long.BYTES) {
            long word = (long) LONGS.get(bytes, at);
            int slot = slot(word, MULTIPLIER);
            if (WORDS[slot] == word) {
                int start = at - OFFSETS[slot];
                if (start >= free && opensAt(bytes, start, to)) {
                    openings++;
                    free = start + OPENING.length;
                    if (start - 2 >= from && isSeparated(bytes, start)) {
                        separated++;
                    }
                }
            }
        }
        return openings == separated + 1 ? openings : -1;
    }

    /**
     * The index just past the object that opens at {@code at}, found by following its strings and nesting byte by
     * byte; -1 when it does not close before {@code to}. For one record, not for stretches.
     */
    static int endOfObject(byte[] bytes, int at, int to) {
        int depth = 0;
        boolean inString = false;
        for (int i = at; i < to; i++) {
            byte b = bytes[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    private static boolean isSeparated(byte[] bytes, int start) {
        return bytes[start - 1] == ',' && bytes[start - 2] == '}';
    }
}
