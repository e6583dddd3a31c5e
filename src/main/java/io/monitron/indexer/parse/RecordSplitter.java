package io.monitron.indexer.parse;

import static io.monitron.indexer.parse.Swar.HIGH_BITS;
import static io.monitron.indexer.parse.Swar.LONGS;
import static io.monitron.indexer.parse.Swar.LOW_7_BITS;
import static io.monitron.indexer.parse.Swar.exactZeroBytes;
import static io.monitron.indexer.parse.Swar.repeated;
import static io.monitron.indexer.parse.Swar.zeroBytes;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream of JSON text into records without parsing them: the elements of a top-level {@code Records} (trail
 * log file) or {@code Events} (saved LookupEvents output) array, the elements of a top-level array, or each top-level
 * value (newline-delimited or concatenated JSON).
 *
 * <p>Why bytes and not a JSON parser: an organization trail holds millions of events of which few are Monitron's. A
 * byte scanner that only tracks strings and nesting is several times faster than tokenizing, and lets the caller skip
 * records that cannot match before paying for a parse. The scanner trusts no structure it has not seen: a record is
 * handed over exactly as its bytes stood, and the JSON parser decides whether it is valid.
 *
 * <p>Records that cannot interest the caller are not even split, when the caller names the byte sequences every
 * interesting record contains ({@link NeedleSearch}): the input is read into a window (up to {@value #MAX_WINDOW}
 * bytes; for most log files, the whole file). Between two records of an array, when the next occurrence lies further
 * ahead, the records before it are skipped: in a trail file in the compact form CloudTrail writes, by going straight
 * to the last record opening before the occurrence and counting the openings skipped ({@link #recordHolding}); in any
 * other input, by a fast scan that only finds where each record ends and counts it ({@link #passOver}). In the input's
 * last window, once the scan has passed the last occurrence and finished the record holding it, it stops: the rest
 * is not split, provided the input ends as a closed array does (a cut-off file or one with trailing garbage is split
 * to its end, so the damage is reported). Both start only after one record of the input was handed over, so that an
 * input of the wrong kind is still recognized and reported. A window that fills up before the input ends is scanned to
 * its end, so the scanner always knows where it stands.
 *
 * <p>Memory is bounded by the maximum record size plus one window. Records lying wholly inside the window are handed
 * over in place, without a copy. A record larger than the maximum is not kept: the scan goes on to its end (where the
 * format tells it: the end of an array element, of a top-level value or of a line of garbage) keeping only its first
 * bytes, and hands it to {@link RecordHandler#tooLarge}; the records after it are read as usual. A top-level line that
 * is not JSON (a bomb of one repeated byte, binary data) is handed over as soon as it is too large, so the handler can
 * give up on the input at once.
 */
final class RecordSplitter {

    /** How a record was found; it tells the classifier what to expect. */
    enum Kind {
        /** An element of a top-level object's {@code Records} array: a CloudTrail event. */
        TRAIL_RECORD,
        /** An element of a top-level object's {@code Events} array: a LookupEvents result. */
        LOOKUP_RESULT,
        /** A top-level value, or an element of a top-level array: any supported shape. */
        TOP_LEVEL
    }

    /** Receives each record's bytes, {@code bytes[offset, offset + length)}; the array is reused after the call. */
    interface RecordHandler {
        /** {@code count} records, in input order before the next one handed over, were passed over unsplit. */
        void passedOver(long count);

        void record(
                byte[] bytes, int offset, int length, Kind kind, boolean complete, int sourceOffset, int sourceLength)
                throws IOException;

        /**
         * A record larger than the maximum record size, in input order like {@link #record}: {@code prefix[0, length)}
         * holds its first bytes only. {@code size} is its size in bytes when {@code sizeKnown}, else the bytes seen so
         * far (a line of garbage, handed over before its end). {@code complete}: the record ends before the input does.
         */
        void tooLarge(byte[] prefix, int length, Kind kind, long size, boolean sizeKnown, boolean complete)
                throws IOException;
    }

    /** The input's structure is broken beyond the point where records can be told apart. */
    static final class BrokenStructureException extends IOException {
        BrokenStructureException(String message) {
            super(message);
        }
    }

    private static final int MAX_KEY = 16;
    private static final long QUOTES = repeated('"');
    private static final long BACKSLASHES = repeated('\\');
    private static final long NEWLINES = repeated('\n');
    /** Bytes {@code '{'} and {@code '['} become 0x7B with bit 5 set; {@code '}'} and {@code ']'}, 0x7D. */
    private static final long BIT_5 = repeated(0x20);

    private static final long OPENERS = repeated('{');
    private static final long CLOSERS = repeated('}');
    /** Every bracket or brace, and {@code Y _ y DEL}, becomes 0x7F ({@link Swar#LOW_7_BITS}) with bits 1, 2, 5 set. */
    private static final long BRACKET_BITS = repeated(0x26);

    /** The bytes that end the fast path through a string: its closing quote, an escape, a (forbidden) line break. */
    private static final boolean[] STRING_STOPS = new boolean[256];

    static {
        STRING_STOPS['"'] = true;
        STRING_STOPS['\\'] = true;
        STRING_STOPS['\n'] = true;
    }

    private static final byte[] RECORDS = "Records".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] EVENTS = "Events".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static final int MAX_WINDOW = 4 * 1024 * 1024;
    /** The maximum record size when none is given: well above any real CloudTrail record, well under the heap. */
    static final int DEFAULT_MAX_RECORD_SIZE = 32 * 1024 * 1024;
    /**
     * How much of a record that is too large is kept for its rejection: enough text to see what it was, and more than
     * a dead-letter entry holds (so the entry says it was cut short), whatever the UTF-8 encoding does.
     */
    static final int TOO_LARGE_PREFIX = 4 * 1024 * 1024;
    /** A window kept per thread between inputs, so that most inputs need no new one. */
    private static final ThreadLocal<byte[]> SPARE_WINDOW = new ThreadLocal<>();

    private final InputStream in;
    private final int firstWindowSize;
    private final RecordHandler handler;
    /** Records larger than this many bytes are handed to {@link RecordHandler#tooLarge}. */
    private final int maxRecordSize;
    /** What every interesting record contains; null: every record is interesting. */
    private final NeedleSearch possibleMatches;
    /** Where the next possible match starts in the window; -1 until searched for in this window. */
    private int nextPossible = -1;
    /** A possible match in the window whose record cannot be reached by {@link #recordHolding}; -1 when none. */
    private int noSkipTo = -1;
    /** The end of the bytes read into the window. */
    private int windowEnd;
    /** The bytes read and not yet released; {@code chunk[0]} is input byte {@link #chunkBase}. */
    private byte[] chunk;
    /** Scanning stops at the first record boundary at or after this index of {@link #chunk}. */
    private int softEnd = Integer.MAX_VALUE;
    /** The scan stopped early: the rest of the input was read and searched, not split. */
    private boolean skippedTail;

    private long recordsHanded;

    // scanner state
    private int depth;
    private boolean inString;
    private boolean escape;
    /** Depth whose array slots delimit records (1: top-level array, 2: Records/Events array); -1: none. */
    private int slotDepth = -1;

    private Kind slotKind = Kind.TOP_LEVEL;
    /** Inside a top-level object (depth >= 1). */
    private boolean inTopObject;
    /** A top-level scalar or garbage is being captured up to the end of its line. */
    private boolean inTopScalar;

    private boolean topObjectHadContainer;

    // record capture
    private boolean capturing;
    private int captureStart = -1;
    /** Records that span windows are gathered here; allocated on first need (most inputs fit one window). */
    private byte[] record = new byte[0];

    private int recordLength;
    /** The bytes of the record being captured so far, including those not kept once it is too large. */
    private long recordSize;
    /** The record being captured is larger than {@link #maxRecordSize}: its bytes past a prefix are not kept. */
    private boolean tooLarge;
    /** The record too large was already handed over (a line of garbage): its end is only looked for. */
    private boolean tooLargeHandedOver;
    // where the record's own top-level "eventSource" string value lies, found while scanning (see scanRecordBody)
    private static final int SOURCE_NONE = 0;
    private static final int SOURCE_KEY = 1;
    private static final int SOURCE_COLON = 2;
    private static final int SOURCE_VALUE = 3;
    private static final int SOURCE_FOUND = 4;
    private static final int SOURCE_UNKNOWN = -1;
    private static final byte[] EVENT_SOURCE = "eventSource".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private int sourceState;
    private int sourceStart;
    private int sourceEnd;
    private int stringStartInRecord;

    /** Inside an object or array record of a slot array: {@link #scanRecordBody} runs. */
    private boolean inRecordBody;

    // key detection at depth 1 of a top-level object
    private final byte[] key = new byte[MAX_KEY];
    private int keyLength;
    private boolean keyCapture;
    private boolean keyOverflow;
    private boolean keyComplete;
    private boolean colonAfterKey;

    private long bytesRead;
    /** Bytes read before the current chunk, for error positions. */
    private long chunkBase;

    private boolean atStart = true;

    /** A splitter that hands over every record, with the default maximum record size. */
    RecordSplitter(InputStream in, int firstWindowSize, RecordHandler handler) {
        this(in, firstWindowSize, handler, null, DEFAULT_MAX_RECORD_SIZE);
    }

    /**
     * @param possibleMatches what every interesting record contains; null when every record is interesting
     * @param maxRecordSize records larger than this many bytes are handed to {@link RecordHandler#tooLarge}
     */
    RecordSplitter(
            InputStream in,
            int firstWindowSize,
            RecordHandler handler,
            NeedleSearch possibleMatches,
            int maxRecordSize) {
        if (maxRecordSize < 1) {
            throw new IllegalArgumentException("maxRecordSize must be positive: " + maxRecordSize);
        }
        this.in = in;
        this.firstWindowSize = Math.min(firstWindowSize, MAX_WINDOW);
        this.handler = handler;
        this.possibleMatches = possibleMatches;
        this.maxRecordSize = maxRecordSize;
    }

    /**
     * Reads the whole input, handing over every record found up to the last possible match. When reading fails (a
     * corrupt or truncated gzip stream), the records read before the failure are all handed over, then the failure is
     * thrown.
     */
    void run() throws IOException {
        chunk = SPARE_WINDOW.get();
        SPARE_WINDOW.remove(); // a nested splitter on this thread must not share it
        if (chunk == null || chunk.length < firstWindowSize) {
            chunk = new byte[firstWindowSize];
        }
        try {
            boolean end = false;
            while (!end) {
                int filled = 0;
                IOException failure = null;
                while (true) {
                    if (filled == chunk.length) {
                        if (chunk.length >= MAX_WINDOW) {
                            break;
                        }
                        chunk = Arrays.copyOf(chunk, Math.min(MAX_WINDOW, chunk.length * 2));
                    }
                    int n;
                    try {
                        n = in.read(chunk, filled, chunk.length - filled);
                    } catch (IOException e) {
                        failure = e;
                        end = true;
                        break;
                    }
                    if (n < 0) {
                        end = true;
                        break;
                    }
                    filled += n;
                }
                // the last window of a healthy input is split up to its last possible match; any other, whole
                window(filled, end && failure == null);
                if (failure != null) {
                    throw failure;
                }
            }
            finish();
        } finally {
            SPARE_WINDOW.set(chunk);
            chunk = null;
        }
    }

    private void window(int filled, boolean last) throws IOException {
        int start = 0;
        if (atStart) {
            start = skipByteOrderMark(filled);
            atStart = false;
        }
        chunkBase = bytesRead;
        bytesRead += filled;
        windowEnd = filled;
        nextPossible = -1;
        noSkipTo = -1;
        if (last && possibleMatches != null && endsLikeAClosedArray(filled)) {
            softEnd = Math.max(start, possibleMatches.endOfLast(chunk, start, filled));
        }
        scan(start, filled);
        if (skippedTail) {
            return;
        }
        if (capturing) {
            append(captureStart, filled);
            captureStart = 0;
        }
    }

    /**
     * Whether the input ends as a complete trail file or array does ({@code ]}} or {@code ]}, then white space): only
     * then may its end go unsplit. A file cut short, or with something after its array, is split to its end, so that
     * the damage is found and reported.
     */
    private boolean endsLikeAClosedArray(int filled) {
        int i = filled - 1;
        while (i >= 0 && isWhiteSpace(chunk[i])) {
            i--;
        }
        if (i >= 0 && chunk[i] == '}') {
            i--;
            while (i >= 0 && isWhiteSpace(chunk[i])) {
                i--;
            }
        }
        return i >= 0 && chunk[i] == ']';
    }

    private static boolean isWhiteSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** Whether the end of the input was left unsplit because no record of interest could lie there. */
    boolean skippedTail() {
        return skippedTail;
    }

    private int skipByteOrderMark(int n) {
        if (n >= 3 && (chunk[0] & 0xff) == 0xEF && (chunk[1] & 0xff) == 0xBB && (chunk[2] & 0xff) == 0xBF) {
            return 3;
        }
        return 0;
    }

    private void scan(int from, int to) throws IOException {
        final byte[] buf = chunk;
        int i = from;
        while (i < to) {
            if (i >= softEnd && !capturing && depth == slotDepth && recordsHanded > 0) {
                // between two records of an array, past the last possible match: the rest cannot interest anyone
                skippedTail = true;
                return;
            }
            if (inRecordBody) {
                i = scanRecordBody(buf, i, to);
                continue;
            }
            if (inString) {
                if (keyCapture) {
                    i = scanKeyString(i, to);
                    continue;
                }
                // fast path: most bytes of a CloudTrail file are inside strings
                if (escape) {
                    escape = false;
                    i++;
                    continue;
                }
                final boolean[] stops = STRING_STOPS;
                while (i < to && !stops[buf[i] & 0xff]) {
                    i++;
                }
                if (i == to) {
                    return;
                }
                byte b = buf[i];
                if (b == '"') {
                    inString = false;
                } else if (b == '\\') {
                    escape = true;
                } else {
                    rawNewlineInString(i);
                }
                i++;
                continue;
            }
            if (inTopScalar) {
                // a line of garbage: only its end matters
                while (i < to && buf[i] != '\n') {
                    i++;
                }
                if (i < to) {
                    endRecord(i, Kind.TOP_LEVEL, true);
                    inTopScalar = false;
                    i++;
                }
                continue;
            }
            byte b = buf[i];
            if (isWhiteSpace(b)) {
                i++;
                continue;
            }
            if (depth == 0) {
                startTopLevelValue(b, i);
                i++;
                continue;
            }
            if (depth == slotDepth) {
                if (b == ',') {
                    if (capturing) {
                        endRecord(i, slotKind, true);
                    }
                    i++;
                    continue;
                }
                if (b == ']') {
                    if (capturing) {
                        endRecord(i, slotKind, true);
                    }
                    closeSlotArray();
                    i++;
                    continue;
                }
                if (!capturing) {
                    if (possibleMatches != null && recordsHanded > 0 && b == '{') {
                        int limit = nextPossibleFrom(i);
                        int holding = recordHolding(buf, i, limit);
                        if (holding < 0) {
                            int after = passOver(buf, i, limit);
                            if (after > i) {
                                i = after;
                                continue;
                            }
                        } else {
                            i = holding; // an opening brace too
                        }
                    }
                    startRecord(i);
                    if (b == '{' || b == '[') {
                        depth++;
                        inRecordBody = true;
                        i = scanRecordBody(buf, i + 1, to);
                        continue;
                    }
                }
            }
            structural(b, i);
            i++;
        }
    }

    /**
     * The hot loop: inside an object or array record of a {@code Records}-like array, only strings and nesting matter
     * until the record closes. State lives in locals and is written back before anything else can see it.
     *
     * @return the index after the last byte consumed
     */
    private int scanRecordBody(byte[] buf, int i, int to) throws IOException {
        final boolean[] stops = STRING_STOPS;
        final int end = slotDepth;
        final int top = slotDepth + 1;
        // a position in this chunk, as a position in the record
        final int base = recordLength - captureStart;
        int d = depth;
        boolean str = inString;
        boolean esc = escape;
        int src = sourceState;
        int stringStart = stringStartInRecord;
        boolean stringStartedHere = false;
        while (i < to) {
            if (esc) {
                esc = false;
                i++;
                continue;
            }
            if (str) {
                // eight bytes at a time to the next quote, backslash or line break (SWAR)
                while (i + 8 <= to) {
                    long w = (long) LONGS.get(buf, i);
                    long hits = zeroBytes(w ^ QUOTES) | zeroBytes(w ^ BACKSLASHES) | zeroBytes(w ^ NEWLINES);
                    if (hits != 0) {
                        i += Long.numberOfTrailingZeros(hits) >>> 3;
                        break;
                    }
                    i += 8;
                }
                while (i < to && !stops[buf[i] & 0xff]) {
                    i++;
                }
                if (i == to) {
                    break;
                }
                byte b = buf[i];
                if (b == '"') {
                    str = false;
                    if (d == top && src >= 0) {
                        int stringEnd = base + i;
                        if (src == SOURCE_VALUE) {
                            sourceStart = stringStart;
                            sourceEnd = stringEnd;
                            src = SOURCE_FOUND;
                        } else if (stringEnd - stringStart == EVENT_SOURCE.length) {
                            if (!stringStartedHere) {
                                src = SOURCE_UNKNOWN; // split across reads: not worth comparing
                            } else if (Arrays.equals(
                                    buf, i - EVENT_SOURCE.length, i, EVENT_SOURCE, 0, EVENT_SOURCE.length)) {
                                // a second "eventSource" key would make the first one's value the wrong answer
                                src = src == SOURCE_NONE ? SOURCE_KEY : SOURCE_UNKNOWN;
                            }
                        }
                    }
                } else if (b == '\\') {
                    esc = true;
                    if (src == SOURCE_VALUE) {
                        src = SOURCE_UNKNOWN;
                    }
                } else {
                    depth = d;
                    inString = true;
                    escape = false;
                    sourceState = src;
                    inRecordBody = false;
                    rawNewlineInString(i);
                    return i + 1;
                }
                i++;
                continue;
            }
            byte b = buf[i++];
            if (src == SOURCE_KEY || src == SOURCE_COLON) {
                if (b == ':' && src == SOURCE_KEY) {
                    src = SOURCE_COLON;
                } else if (b == '"' && src == SOURCE_COLON) {
                    src = SOURCE_VALUE;
                } else if (!isWhiteSpace(b)) {
                    src = SOURCE_UNKNOWN; // the key's value is not a plain string
                }
            }
            if (b == '"') {
                str = true;
                stringStart = base + i;
                stringStartedHere = true;
            } else if (b == '{' || b == '[') {
                d++;
            } else if (b == '}' || b == ']') {
                d--;
                if (d == end) {
                    depth = d;
                    inString = false;
                    escape = false;
                    sourceState = src;
                    inRecordBody = false;
                    endRecord(i, slotKind, true);
                    return i;
                }
            }
        }
        depth = d;
        inString = str;
        escape = esc;
        sourceState = src;
        stringStartInRecord = stringStart;
        return i;
    }

    /** Where the next possible match at or after {@code i} starts in the window; the window's end when none. */
    private int nextPossibleFrom(int i) {
        if (nextPossible < i) {
            int next = possibleMatches.startOfFirst(chunk, i, windowEnd);
            nextPossible = next < 0 ? windowEnd : next;
        }
        return nextPossible;
    }

    /**
     * Where the trail record holding the possible match at {@code limit} begins, found without passing over the
     * records before it, when they are in the compact form CloudTrail writes ({@link TrailRecordOpenings}): the record
     * after the last separated opening before {@code limit}. The records skipped are counted by their openings, so
     * record numbers stay exact. When there is no such opening (the match lies in the record at hand, or the input is
     * not in that form), or the records before it are not all in that form (white space between them, an element that
     * is not such an object), or the last of them does not end right before it (the opening lies beyond the array),
     * the caller passes over record by record instead, and this match is not tried again.
     *
     * <p>Only in a {@code Records} array, with a possible match ahead in the window, and in the last window of an input
     * that ends as a closed array does (as for the unsplit tail; a damaged input is split record by record).
     *
     * @return the index of that record's opening brace, or -1 when the caller should pass over record by record
     */
    private int recordHolding(byte[] buf, int start, int limit) throws IOException {
        if (slotKind != Kind.TRAIL_RECORD
                || softEnd == Integer.MAX_VALUE
                || limit >= windowEnd
                || limit == noSkipTo
                || !TrailRecordOpenings.opensAt(buf, start, limit)) {
            return -1;
        }
        int opening = TrailRecordOpenings.lastSeparated(buf, start, limit);
        int records = opening < 0 ? -1 : TrailRecordOpenings.recordsBetween(buf, start, opening);
        // the last record skipped must end right before the opening: else the opening lies outside this array
        if (records < 0
                || TrailRecordOpenings.endOfObject(buf, lastSkipped(buf, start, opening, records), opening)
                        != opening - 1) {
            // records before this match are passed over one stretch at a time: not searched again for it
            noSkipTo = limit;
            return -1;
        }
        handler.passedOver(records);
        return opening;
    }

    /** Where the last of {@code records} compact records from {@code start}, all before {@code opening}, opens. */
    private static int lastSkipped(byte[] buf, int start, int opening, int records) {
        return records == 1 ? start : TrailRecordOpenings.lastSeparated(buf, start, opening);
    }

    /**
     * Passes over the object records of a slot array from {@code start} (a record's opening brace, between records)
     * that end before {@code limit}, without splitting them: it tracks only strings and nesting, eight bytes at a time
     * on machine words (quote, bracket and backslash bytes found with SWAR arithmetic, the string mask by a prefix XOR
     * of the quote bytes), byte by byte only in words with a backslash. Words with no bracket (most of them) only
     * update the string state. It passes over object records separated by commas and white space only; at anything
     * else (a scalar or array element, the array's end) it stops at the last record end and leaves the rest to the byte
     * scanner, which hands such elements over to be rejected, as it does for a last stretch of under eight bytes. The
     * records passed over are counted ({@link RecordHandler#passedOver}).
     *
     * @return the index just after the last record passed over, or {@code start} when none was
     */
    private int passOver(byte[] buf, int start, int limit) throws IOException {
        int nesting = 0;
        // HIGH_BITS while a string is open at the current word's start, else 0
        long inString = 0;
        boolean esc = false;
        int boundary = start;
        long passed = 0;
        // where the bytes between two records began, while between records
        int gapStart = start;
        words:
        for (int p = start; p + Long.BYTES <= limit; p += Long.BYTES) {
            long w = (long) LONGS.get(buf, p);
            long quotes = exactZeroBytes(w ^ QUOTES);
            long backslashes = zeroBytes(w ^ BACKSLASHES);
            long bracketish = zeroBytes((w | BRACKET_BITS) ^ LOW_7_BITS);
            if ((backslashes | bracketish) == 0 && !esc) {
                if ((Long.bitCount(quotes) & 1) != 0) {
                    inString ^= HIGH_BITS;
                }
                if (nesting == 0 && !onlySeparators(buf, Math.max(gapStart, p), p + Long.BYTES)) {
                    break;
                }
                continue;
            }
            if (backslashes != 0 || esc) {
                // escapes: byte by byte, exactly as the byte scanner
                boolean str = inString != 0;
                for (int q = p; q < p + Long.BYTES; q++) {
                    byte b = buf[q];
                    if (str) {
                        if (esc) {
                            esc = false;
                        } else if (b == '\\') {
                            esc = true;
                        } else if (b == '"') {
                            str = false;
                        }
                        continue;
                    }
                    if (nesting == 0) {
                        if (b == '{') {
                            if (!onlySeparators(buf, gapStart, q)) {
                                break words;
                            }
                            nesting = 1;
                        } else if (b == '"' || b == '[' || b == '}' || b == ']') {
                            break words;
                        }
                        continue;
                    }
                    if (b == '"') {
                        str = true;
                    } else if (b == '{' || b == '[') {
                        nesting++;
                    } else if (b == '}' || b == ']') {
                        if (--nesting == 0) {
                            boundary = q + 1;
                            gapStart = boundary;
                            passed++;
                        }
                    }
                }
                inString = str ? HIGH_BITS : 0;
                continue;
            }
            long prefix = quotes ^ (quotes << 8);
            prefix ^= prefix << 16;
            prefix ^= prefix << 32;
            long strings = (prefix ^ inString) & HIGH_BITS;
            inString = strings < 0 ? HIGH_BITS : 0;
            long w5 = w | BIT_5;
            long opens = exactZeroBytes(w5 ^ OPENERS) & ~strings;
            long closes = exactZeroBytes(w5 ^ CLOSERS) & ~strings;
            if (nesting > Long.bitCount(closes)) {
                // cannot get back to the array's level within this word
                nesting += Long.bitCount(opens) - Long.bitCount(closes);
                continue;
            }
            long brackets = opens | closes;
            while (brackets != 0) {
                long bit = brackets & -brackets;
                int at = p + (Long.numberOfTrailingZeros(bit) >>> 3);
                brackets ^= bit;
                if ((opens & bit) != 0) {
                    if (nesting == 0 && (buf[at] != '{' || !onlySeparators(buf, gapStart, at))) {
                        break words; // an array record, or something between records: the byte scanner's business
                    }
                    nesting++;
                } else {
                    if (nesting == 0) {
                        break words; // the array's end, or a stray closer: the byte scanner's business
                    }
                    if (--nesting == 0) {
                        boundary = at + 1;
                        gapStart = boundary;
                        passed++;
                    }
                }
            }
            if (nesting == 0 && !onlySeparators(buf, Math.max(gapStart, p), p + Long.BYTES)) {
                break;
            }
        }
        if (passed > 0) {
            handler.passedOver(passed);
        }
        return boundary;
    }

    /** Whether {@code buf[from, to)} holds only what may stand between two records: white space and commas. */
    private static boolean onlySeparators(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b != ',' && !isWhiteSpace(b)) {
                return false;
            }
        }
        return true;
    }

    private void startTopLevelValue(byte b, int i) {
        if (b == '[') {
            depth = 1;
            slotDepth = 1;
            slotKind = Kind.TOP_LEVEL;
        } else if (b == '{') {
            depth = 1;
            inTopObject = true;
            topObjectHadContainer = false;
            resetKey();
            startRecord(i);
        } else {
            // a scalar or garbage at the top level: one record up to the end of the line
            inTopScalar = true;
            inString = b == '"';
            startRecord(i);
        }
    }

    private void structural(byte b, int i) throws IOException {
        switch (b) {
            case '"' -> {
                inString = true;
                if (inTopObject && depth == 1) {
                    if (!keyComplete) {
                        keyCapture = true;
                        keyLength = 0;
                        keyOverflow = false;
                    }
                }
            }
            case ':' -> {
                if (inTopObject && depth == 1 && keyComplete) {
                    colonAfterKey = true;
                }
            }
            case ',' -> {
                if (inTopObject && depth == 1) {
                    resetKey();
                }
            }
            case '{' -> depth++;
            case '[' -> {
                if (inTopObject && depth == 1 && colonAfterKey && isContainerKey()) {
                    // {"Records":[ ... ]}: stop capturing the object, hand over its elements one by one
                    // whatever was kept of the object so far is not a record
                    capturing = false;
                    resetCapture();
                    topObjectHadContainer = true;
                    depth = 2;
                    slotDepth = 2;
                    slotKind = keyEquals(EVENTS) ? Kind.LOOKUP_RESULT : Kind.TRAIL_RECORD;
                    resetKey();
                    return;
                }
                depth++;
            }
            case '}', ']' -> {
                depth--;
                if (depth < 0) {
                    throw new BrokenStructureException("unbalanced '" + (char) b + "' at byte " + position(i));
                }
                if (depth == 0 && inTopObject) {
                    inTopObject = false;
                    if (capturing) {
                        endRecord(i + 1, Kind.TOP_LEVEL, true);
                    }
                } else if (depth == 0) {
                    // end of a top-level array or stray closer
                    slotDepth = -1;
                }
            }
            default -> {
                // literals and numbers: nothing to track
            }
        }
    }

    private void closeSlotArray() {
        depth--;
        if (slotDepth == 2) {
            // back inside the top-level object; the rest of it carries no records
            slotDepth = -1;
            slotKind = Kind.TOP_LEVEL;
        } else {
            slotDepth = -1;
        }
    }

    private int scanKeyString(int i, int to) {
        final byte[] buf = chunk;
        while (i < to) {
            byte b = buf[i++];
            if (escape) {
                escape = false;
                addKeyByte(b);
            } else if (b == '\\') {
                escape = true;
                keyOverflow = true; // container keys never need escapes
            } else if (b == '"') {
                inString = false;
                keyCapture = false;
                keyComplete = true;
                return i;
            } else if (b == '\n') {
                // leave it to the main loop, which knows what a line break in a string means
                keyCapture = false;
                return i - 1;
            } else {
                addKeyByte(b);
            }
        }
        return i;
    }

    private void addKeyByte(byte b) {
        if (keyLength < MAX_KEY) {
            key[keyLength++] = b;
        } else {
            keyOverflow = true;
        }
    }

    private void resetKey() {
        keyLength = 0;
        keyCapture = false;
        keyOverflow = false;
        keyComplete = false;
        colonAfterKey = false;
    }

    private boolean isContainerKey() {
        return !keyOverflow && (keyEquals(RECORDS) || keyEquals(EVENTS));
    }

    private boolean keyEquals(byte[] name) {
        return keyLength == name.length && Arrays.equals(key, 0, keyLength, name, 0, name.length);
    }

    private void rawNewlineInString(int i) throws IOException {
        // JSON strings cannot hold a raw line break: the record is broken
        if (slotDepth > 0) {
            if (capturing) {
                endRecord(i, slotKind, false);
            }
            throw new BrokenStructureException("line break inside a JSON string at byte " + position(i));
        }
        // newline-delimited input: give up on this record, go on with the next line
        if (capturing) {
            endRecord(i, Kind.TOP_LEVEL, false);
        }
        depth = 0;
        inString = false;
        escape = false;
        inTopObject = false;
        inTopScalar = false;
        resetKey();
    }

    private long position(int indexInChunk) {
        return chunkBase + indexInChunk;
    }

    private void startRecord(int i) {
        capturing = true;
        captureStart = i;
        resetCapture();
        sourceState = SOURCE_NONE;
    }

    private void resetCapture() {
        recordLength = 0;
        recordSize = 0;
        tooLarge = false;
        tooLargeHandedOver = false;
    }

    private void endRecord(int endExclusive, Kind kind, boolean complete) throws IOException {
        byte[] bytes;
        int offset;
        int length;
        if (recordLength == 0 && !tooLarge && endExclusive - captureStart <= maxRecordSize) {
            // the whole record is in the window: hand it over in place
            bytes = chunk;
            offset = captureStart;
            length = endExclusive - captureStart;
        } else {
            append(captureStart, endExclusive);
            if (tooLarge) {
                capturing = false;
                captureStart = -1;
                handOverTooLarge(kind, true, complete);
                return;
            }
            bytes = record;
            offset = 0;
            length = recordLength;
        }
        capturing = false;
        captureStart = -1;
        resetCapture();
        recordsHanded++;
        boolean found = sourceState == SOURCE_FOUND && kind == Kind.TRAIL_RECORD && complete;
        handler.record(
                bytes,
                offset,
                length,
                kind,
                complete,
                found ? offset + sourceStart : -1,
                found ? sourceEnd - sourceStart : 0);
    }

    /**
     * Adds {@code chunk[from, to)} to the record being captured. Past {@link #maxRecordSize} the record is too large:
     * only its first {@link #TOO_LARGE_PREFIX} bytes are kept, and a line of garbage is handed over at once.
     */
    private void append(int from, int to) throws IOException {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        recordSize += n;
        if (!tooLarge && recordSize > maxRecordSize) {
            tooLarge = true;
        }
        int keep = Math.max(0, Math.min(n, (tooLarge ? prefixLimit() : maxRecordSize) - recordLength));
        if (keep > 0) {
            if (recordLength + keep > record.length) {
                int grown = Math.max(Math.max(8 * 1024, record.length * 2), recordLength + keep);
                record = Arrays.copyOf(record, Math.min(maxRecordSize, grown));
            }
            System.arraycopy(chunk, from, record, recordLength, keep);
            recordLength += keep;
        }
        if (tooLarge && !tooLargeHandedOver && inTopScalar) {
            // not JSON (JSON values at the top level are objects and arrays here): its end need not be waited for
            handOverTooLarge(Kind.TOP_LEVEL, false, true);
        }
    }

    private int prefixLimit() {
        return Math.min(maxRecordSize, TOO_LARGE_PREFIX);
    }

    /**
     * Hands over the record too large, once; {@code atEnd}: its end was reached, else (a line of garbage) only its end
     * is looked for from here on.
     */
    private void handOverTooLarge(Kind kind, boolean atEnd, boolean complete) throws IOException {
        boolean handedOver = tooLargeHandedOver;
        long size = recordSize;
        int length = Math.min(recordLength, prefixLimit());
        if (atEnd) {
            resetCapture();
        } else {
            tooLargeHandedOver = true;
        }
        if (!handedOver) {
            recordsHanded++;
            handler.tooLarge(record, length, kind, size, atEnd, complete);
        }
    }

    private void finish() throws IOException {
        if (skippedTail) {
            return;
        }
        if (capturing) {
            // a record cut off by the end of the input is handed over as incomplete
            int length = recordLength;
            capturing = false;
            Kind kind = slotDepth > 0 ? slotKind : Kind.TOP_LEVEL;
            boolean complete = inTopScalar && !inString;
            inTopScalar = false;
            if (tooLarge) {
                handOverTooLarge(kind, true, complete);
                return;
            }
            resetCapture();
            recordsHanded++;
            handler.record(record, 0, length, kind, complete, -1, 0);
            return;
        }
        if (depth > 0) {
            throw new BrokenStructureException("input ends before its JSON structure is closed (truncated?)");
        }
    }
}
