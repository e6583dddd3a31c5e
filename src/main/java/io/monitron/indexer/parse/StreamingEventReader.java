package io.monitron.indexer.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.model.RecordPosition;
import io.monitron.indexer.model.Rejection;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * The one {@link EventReader}: detects gzip by its magic bytes, splits the text into records with a byte scanner and
 * parses only the records the listener may want. Supported shapes, in any file:
 *
 * <ul>
 *   <li>trail log files: {@code {"Records":[event, ...]}};
 *   <li>saved LookupEvents output: {@code {"Events":[{"CloudTrailEvent":"<event as a JSON string>", ...}]}};
 *   <li>newline-delimited or concatenated JSON, or a JSON array, of: events, EventBridge envelopes
 *       ({@code "detail-type": "AWS API Call via CloudTrail"}, the event in {@code detail}), LookupEvents results, and
 *       entries of our own dead-letter files (so they can be re-driven).
 * </ul>
 *
 * Digest objects and Insights records are reported as skipped.
 *
 * <p>A record larger than the maximum record size is rejected with that reason (its raw text cut short) without being
 * held whole in memory, and reading goes on after it where the format tells where it ends: the next element of the
 * array, the next top-level value or line. An input that is clearly not CloudTrail (a README, a CSV: its first {@value
 * #NOT_CLOUDTRAIL_AFTER} records, or all of them if fewer, are lines of text or JSON values that are not objects) is
 * one rejection of the whole input, not one per line, and is not read further. Objects are never part of it: one may
 * hold events under a misspelt key, and is rejected with its text.
 *
 * <p>Thread-safe: holds no per-read state.
 */
public final class StreamingEventReader implements EventReader {
    /** Key marking an entry of a dead-letter file; its {@code raw} field holds the rejected record. */
    public static final String DEAD_LETTER_MARKER = io.monitron.indexer.model.Rejection.DEAD_LETTER_MARKER;

    /** The maximum record size when none is given (32 MB): well above any real CloudTrail record. */
    public static final int DEFAULT_MAX_RECORD_SIZE = RecordSplitter.DEFAULT_MAX_RECORD_SIZE;
    /** The smallest maximum record size accepted (1 KB). */
    public static final int MIN_MAX_RECORD_SIZE = 1024;
    /** The largest maximum record size accepted (1 GB): a record must fit in an array, several times over. */
    public static final int MAX_MAX_RECORD_SIZE = 1024 * 1024 * 1024;
    /** How many leading records that are clearly not CloudTrail make an input one "not CloudTrail" rejection. */
    static final int NOT_CLOUDTRAIL_AFTER = 10;
    /** Raw text held back while deciding whether an input is CloudTrail at all; past it, rejections go out singly. */
    private static final int NOT_CLOUDTRAIL_RAW_BUDGET = 1024 * 1024;

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_NESTING_DEPTH = 1000;

    private final ObjectMapper mapper;
    private final int maxRecordSize;

    /** A reader with the default maximum record size ({@value #DEFAULT_MAX_RECORD_SIZE} bytes). */
    public StreamingEventReader() {
        this(DEFAULT_MAX_RECORD_SIZE);
    }

    /**
     * @param maxRecordSize records larger than this many bytes (of JSON text, after decompression) are rejected
     * @throws ConfigException when it is not between {@value #MIN_MAX_RECORD_SIZE} and {@value
     *     #MAX_MAX_RECORD_SIZE}
     */
    public StreamingEventReader(int maxRecordSize) {
        if (maxRecordSize < MIN_MAX_RECORD_SIZE || maxRecordSize > MAX_MAX_RECORD_SIZE) {
            throw new ConfigException(
                    "--max-record-size must be between 1 KB and 1024 MB, got " + maxRecordSize + " bytes");
        }
        this.maxRecordSize = maxRecordSize;
        JsonFactory factory = JsonFactory.builder()
                .disable(com.fasterxml.jackson.core.StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        // no string is longer than the record holding it
                        .maxStringLength(maxRecordSize)
                        .build())
                .build();
        factory.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        this.mapper = new ObjectMapper(factory);
    }

    /** The size in bytes past which a record is rejected. */
    public int maxRecordSize() {
        return maxRecordSize;
    }

    /** A size in bytes for people: {@code 32 MB}, {@code 40.5 MB}, {@code 512 KB}. */
    static String describeSize(long bytes) {
        if (bytes >= 1024 * 1024) {
            return bytes % (1024 * 1024) == 0
                    ? bytes / (1024 * 1024) + " MB"
                    : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        if (bytes >= 1024) {
            return bytes % 1024 == 0
                    ? bytes / 1024 + " KB"
                    : String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return bytes + " bytes";
    }

    @Override
    public long read(InputStream raw, String source, RecordListener listener) throws IOException {
        InputStream in = GzipDetectingInput.open(raw);
        Reading reading = new Reading(source, listener);
        RecordSplitter splitter = new RecordSplitter(
                in, BUFFER_SIZE, reading, listener.possibleMatches().orElse(null), maxRecordSize);
        // closed here as well as by the caller, who closes raw (see EventReader): a gzip stream holds native inflater
        // memory, about 40 KB, until it is closed or collected
        try (in) {
            splitter.run();
            if (reading.deciding && !reading.pending.isEmpty()) {
                reading.notCloudTrail();
            }
            if (splitter.skippedTail()) {
                reading.decided();
                listener.onSkipped(RecordPosition.wholeInput(source), SkipReason.TAIL_CANNOT_MATCH);
            }
        } catch (NotCloudTrail e) {
            // reported as one rejection of the whole input; the rest is not worth reading
        } catch (RecordSplitter.BrokenStructureException e) {
            reading.rejectRest(e.getMessage());
        } catch (ZipException | EOFException e) {
            // corrupt or truncated gzip: everything before this point was delivered
            reading.rejectRest("gzip data is corrupt or truncated (" + e.getMessage() + ")");
        } catch (IOException e) {
            reading.decided(); // the rejections held back came before the failure
            throw e;
        }
        if (reading.records == 0 && !reading.rejectedRest && !reading.wasNotCloudTrail) {
            listener.onSkipped(RecordPosition.wholeInput(source), SkipReason.EMPTY);
        }
        return reading.records;
    }

    /** Ends the reading of an input found not to be CloudTrail. */
    private static final class NotCloudTrail extends IOException {
        NotCloudTrail() {
            super("not CloudTrail", null);
        }
    }

    /** The state of reading one input. */
    private final class Reading implements RecordSplitter.RecordHandler {
        private final String source;
        private final RecordListener listener;
        private long records;
        private boolean rejectedRest;
        /**
         * Whether the input may still be one that is clearly not CloudTrail: every record so far was, and its
         * rejection is held back in {@link #pending}.
         */
        private boolean deciding = true;

        private final java.util.List<Rejection> pending = new java.util.ArrayList<>();
        private long pendingChars;
        private boolean wasNotCloudTrail;

        Reading(String source, RecordListener listener) {
            this.source = source;
            this.listener = listener;
        }

        @Override
        public void record(
                byte[] bytes,
                int offset,
                int length,
                RecordSplitter.Kind kind,
                boolean complete,
                int sourceOffset,
                int sourceLength)
                throws IOException {
            if (kind == RecordSplitter.Kind.TOP_LEVEL) {
                if (offset != 0) {
                    bytes = Arrays.copyOfRange(bytes, offset, offset + length);
                }
                int split = nextObjectLine(bytes, length);
                if (split > 0 && !(complete && parses(bytes, length))) {
                    // newline-delimited input where one line is broken (e.g. an unclosed brace): the scanner ran on
                    // into the next lines; reject the broken part alone and read the lines after it again
                    byte[] rest = Arrays.copyOfRange(bytes, split + 1, length);
                    recordOne(new Raw(bytes, 0, split), kind, true, -1, 0);
                    new RecordSplitter(new ByteArrayInputStream(rest), BUFFER_SIZE, this, null, maxRecordSize).run();
                    return;
                }
                recordOne(new Raw(bytes, 0, length), kind, complete, sourceOffset, sourceLength);
                return;
            }
            decided(); // an element of a Records or Events array: a trail file, however damaged
            recordOne(new Raw(bytes, offset, length), kind, complete, sourceOffset, sourceLength);
        }

        @Override
        public void passedOver(long count) {
            decided();
            records += count;
        }

        @Override
        public void tooLarge(
                byte[] prefix, int length, RecordSplitter.Kind kind, long size, boolean sizeKnown, boolean complete)
                throws IOException {
            if (kind == RecordSplitter.Kind.TOP_LEVEL
                    && !startsLikeJson(prefix, length)
                    && looksBinary(prefix, length)) {
                // binary data, not a long line of text (e.g. a gzip bomb of zeros, a device)
                throw new RecordSplitter.BrokenStructureException("it is neither gzip nor JSON");
            }
            decided();
            records++;
            String reason = "record too large: "
                    + (sizeKnown ? describeSize(size) + ", " : "")
                    + "more than the maximum record size of " + describeSize(maxRecordSize)
                    + " (--max-record-size); raw text cut short"
                    + (complete ? "" : "; the input ends inside it");
            reject(new RecordPosition(source, records), reason, new Raw(prefix, 0, length));
        }

        private boolean parses(byte[] bytes, int length) {
            try {
                mapper.readTree(bytes, 0, length);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private void recordOne(Raw raw, RecordSplitter.Kind kind, boolean complete, int sourceOffset, int sourceLength)
                throws IOException {
            records++;
            RecordPosition position = new RecordPosition(source, records);
            boolean text = kind == RecordSplitter.Kind.TOP_LEVEL && !startsLikeObject(raw);
            if (!complete) {
                String reason = "record is cut off (the input ends or breaks inside it; truncated file?)";
                if (text) {
                    rejectNotCloudTrail(position, reason, raw);
                } else {
                    reject(position, reason, raw);
                }
                return;
            }
            if (!listener.mightMatch(raw.bytes, raw.offset, raw.length, sourceOffset, sourceLength)) {
                decided(); // a record naming an eventSource the run does not want: CloudTrail
                return;
            }
            JsonNode node;
            try {
                node = mapper.readTree(raw.bytes, raw.offset, raw.length);
            } catch (JsonProcessingException e) {
                if (kind == RecordSplitter.Kind.TOP_LEVEL
                        && !startsLikeJson(raw.bytes, raw.length)
                        && looksBinary(raw.bytes, raw.length)) {
                    // binary data, not a broken line of text: rejecting it line by line would only make noise
                    records--;
                    throw new RecordSplitter.BrokenStructureException("it is neither gzip nor JSON");
                }
                String reason = "invalid JSON: " + JsonErrors.describe(e);
                if (text) {
                    rejectNotCloudTrail(position, reason, raw);
                } else {
                    reject(position, reason, raw); // may be a damaged event
                }
                return;
            } catch (IOException e) {
                reject(position, "invalid JSON: " + e.getMessage(), raw);
                return;
            }
            if (node == null || node.isMissingNode()) {
                records--; // white space only
                return;
            }
            classify(node, kind, position, raw, true);
        }

        private void classify(JsonNode node, RecordSplitter.Kind kind, RecordPosition position, Raw raw, boolean outer)
                throws IOException {
            if (!(node instanceof ObjectNode object)) {
                String reason = "record is not a JSON object but " + describeType(node);
                if (kind == RecordSplitter.Kind.TOP_LEVEL && outer) {
                    rejectNotCloudTrail(position, reason, raw);
                } else {
                    reject(position, reason, raw);
                }
                return;
            }
            switch (kind) {
                case TRAIL_RECORD -> event(object, raw.text(), position);
                case LOOKUP_RESULT -> lookupResult(object, position, raw);
                case TOP_LEVEL -> topLevel(object, position, raw, outer);
            }
        }

        private void topLevel(ObjectNode object, RecordPosition position, Raw raw, boolean outer) throws IOException {
            JsonNode detailType = object.get("detail-type");
            if (detailType != null && object.has("detail")) {
                JsonNode detail = object.get("detail");
                decided(); // an EventBridge event, from CloudTrail or not
                if (!detailType.asText().endsWith("via CloudTrail")) {
                    listener.onSkipped(position, SkipReason.NOT_CLOUDTRAIL);
                } else if (detail instanceof ObjectNode event) {
                    event(event, null, position); // taken out of its envelope: no text of its own
                } else {
                    reject(position, "EventBridge envelope whose detail is not an object", raw);
                }
                return;
            }
            if (object.has("CloudTrailEvent")) {
                lookupResult(object, position, raw);
                return;
            }
            if (object.has("Records")) {
                reject(position, "Records is not an array (found " + describeType(object.get("Records")) + ")", raw);
                return;
            }
            if (object.has("digestStartTime") || object.has("digestS3Bucket") || object.has("digestEndTime")) {
                decided();
                listener.onSkipped(position, SkipReason.DIGEST);
                return;
            }
            JsonNode deadLetter = object.get(DEAD_LETTER_MARKER);
            if (deadLetter != null && outer) {
                // from here on the record is the one first read at the entry's source and record, whatever befalls it
                RecordPosition original = originalPosition(object, position);
                JsonNode rawRecord = object.get("raw");
                if (rawRecord == null || !rawRecord.isTextual()) {
                    reject(original, "dead-letter entry without its raw record", raw);
                    return;
                }
                if (object.path("raw_truncated").asBoolean(false)) {
                    reject(original, "dead-letter entry whose raw record was truncated; it cannot be re-driven", raw);
                    return;
                }
                byte[] inner = rawRecord.asText().getBytes(StandardCharsets.UTF_8);
                JsonNode innerNode;
                try {
                    innerNode = mapper.readTree(inner);
                } catch (JsonProcessingException e) {
                    reject(
                            original,
                            "invalid JSON in dead-letter raw record: " + JsonErrors.describe(e),
                            new Raw(inner, 0, inner.length));
                    return;
                }
                classify(innerNode, RecordSplitter.Kind.TOP_LEVEL, original, new Raw(inner, 0, inner.length), false);
                return;
            }
            if (object.has("eventID")
                    || object.has("eventSource")
                    || object.has("eventName")
                    || object.has("eventTime")
                    || object.has("eventVersion")) {
                event(object, raw.text(), position);
                return;
            }
            // an object may hold events under a misspelt key: kept with its text, never part of a "not CloudTrail"
            reject(
                    position,
                    object.isEmpty()
                            ? "empty JSON object: no Records array and no event"
                            : "not a CloudTrail event or log file: no Records array and no eventSource, eventName or"
                                    + " eventID",
                    raw);
        }

        /**
         * Where the record of a dead-letter entry was first read: the entry's {@code source} and {@code record},
         * re-driven from {@code entry}. An entry without them (written by hand) is known by its own position.
         */
        private RecordPosition originalPosition(ObjectNode deadLetter, RecordPosition entry) {
            JsonNode source = deadLetter.get("source");
            JsonNode record = deadLetter.get("record");
            if (source == null
                    || !source.isTextual()
                    || source.textValue().isBlank()
                    || record == null
                    || !record.canConvertToExactIntegral()
                    || !record.canConvertToLong()
                    || record.longValue() < 0) {
                return entry;
            }
            return RecordPosition.reDriven(source.textValue(), record.longValue(), entry);
        }

        private void lookupResult(ObjectNode result, RecordPosition position, Raw raw) throws IOException {
            JsonNode text = result.get("CloudTrailEvent");
            if (text == null || !text.isTextual()) {
                reject(position, "LookupEvents result without a CloudTrailEvent string", raw);
                return;
            }
            JsonNode event;
            try {
                event = mapper.readTree(text.asText());
            } catch (JsonProcessingException e) {
                reject(position, "invalid JSON in CloudTrailEvent: " + JsonErrors.describe(e), raw);
                return;
            }
            if (event instanceof ObjectNode object) {
                event(object, text.asText(), position);
            } else {
                reject(position, "CloudTrailEvent is not a JSON object", raw);
            }
        }

        private void event(ObjectNode event, String original, RecordPosition position) {
            decided();
            JsonNode eventType = event.get("eventType");
            if (eventType != null && "AwsCloudTrailInsight".equals(eventType.asText())) {
                listener.onSkipped(position, SkipReason.INSIGHT);
                return;
            }
            listener.onEvent(event, original, position);
        }

        private void reject(RecordPosition position, String reason, Raw raw) {
            decided();
            listener.onRejected(new Rejection(position, reason, raw.text()));
        }

        /**
         * Rejects a record that is clearly not CloudTrail (a line of text, a top-level JSON value that is not an
         * object), held back while every record so far was such a record: {@value #NOT_CLOUDTRAIL_AFTER}
         * of them make the input one rejection.
         */
        private void rejectNotCloudTrail(RecordPosition position, String reason, Raw raw) throws NotCloudTrail {
            if (!deciding) {
                listener.onRejected(new Rejection(position, reason, raw.text()));
                return;
            }
            pending.add(new Rejection(position, reason, raw.text()));
            pendingChars += raw.length;
            if (pending.size() >= NOT_CLOUDTRAIL_AFTER) {
                notCloudTrail();
                throw new NotCloudTrail();
            }
            if (pendingChars > NOT_CLOUDTRAIL_RAW_BUDGET) {
                decided(); // too much to hold back: rejected one by one after all
            }
        }

        /** The input is clearly not CloudTrail: one rejection for all of it, instead of the records held back. */
        void notCloudTrail() {
            Rejection first = pending.get(0);
            String which = pending.size() >= NOT_CLOUDTRAIL_AFTER
                    ? "its first " + pending.size() + " records are"
                    : pending.size() == 1 ? "its only record is" : "all its " + pending.size() + " records are";
            pending.clear();
            deciding = false;
            wasNotCloudTrail = true;
            listener.onRejected(new Rejection(
                    RecordPosition.wholeInput(source),
                    "not CloudTrail: " + which + " neither CloudTrail events nor log files (record "
                            + first.position().record() + ": " + abbreviate(first.reason(), 100)
                            + "); the input is not read further",
                    null));
        }

        /** Something in the input looks like CloudTrail (or is damaged CloudTrail): its records are judged singly. */
        void decided() {
            if (!deciding) {
                return;
            }
            deciding = false;
            for (Rejection rejection : pending) {
                listener.onRejected(rejection);
            }
            pending.clear();
        }

        void rejectRest(String reason) {
            decided();
            rejectedRest = true;
            listener.onRejected(new Rejection(
                    records == 0 ? RecordPosition.wholeInput(source) : new RecordPosition(source, records + 1),
                    records == 0
                            ? "input unreadable: " + reason
                            : "input unreadable after record " + records + ": " + reason
                                    + "; the records after it are lost",
                    null));
        }
    }

    /** One record's raw bytes, {@code bytes[offset, offset + length)}. */
    private record Raw(byte[] bytes, int offset, int length) {
        String text() {
            return new String(bytes, offset, length, StandardCharsets.UTF_8);
        }
    }

    /** The index of the first line break followed directly by {@code '{'}, or -1. */
    private static int nextObjectLine(byte[] bytes, int length) {
        for (int i = 0; i < length - 1; i++) {
            if (bytes[i] == '\n' && bytes[i + 1] == '{') {
                return i;
            }
        }
        return -1;
    }

    /** Control characters other than white space do not occur in JSON text (inside strings they must be escaped). */
    private static boolean looksBinary(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xff;
            if ((b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') || b == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + "...";
    }

    /** Whether a record's first byte other than white space opens an object: else it is text, or a JSON scalar. */
    private static boolean startsLikeObject(Raw raw) {
        for (int i = raw.offset; i < raw.offset + raw.length; i++) {
            byte b = raw.bytes[i];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '{';
        }
        return false;
    }

    private static boolean startsLikeJson(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '{' || b == '[' || b == '"';
        }
        return true;
    }

    private static String describeType(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case OBJECT -> "an object";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
