package io.monitron.indexer.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.model.RecordPosition;
import io.monitron.indexer.model.Rejection;

/**
 * Receives what an {@link EventReader} finds in one input, in input order, on the reading thread.
 */
public interface RecordListener {
    /**
     * A CloudTrail event object, already unwrapped from any envelope (EventBridge {@code detail}, LookupEvents
     * {@code CloudTrailEvent}), with {@code original}, its JSON text as it stood in the input (a LookupEvents
     * result's {@code CloudTrailEvent} string), or null when it has none of its own (an EventBridge {@code detail}).
     */
    void onEvent(ObjectNode event, String original, RecordPosition position);

    /** A record that is not a usable event; the reader goes on with the next record where it can. */
    void onRejected(Rejection rejection);

    /** A record that is deliberately not an event (a digest file, an Insights record); counted, not indexed. */
    default void onSkipped(RecordPosition position, SkipReason reason) {}

    /**
     * Asked before a record is parsed: may the reader skip it without parsing? The reader passes the record's raw
     * UTF-8 bytes and, for records of a {@code Records} array, where the record's own top-level
     * {@code eventSource} value lies when the scanner could tell for sure (a plain string, the only such key):
     * {@code utf8[sourceOffset, sourceOffset + sourceLength)}, else {@code sourceOffset} is -1. Returning
     * {@code false} means "cannot match the filters": the record is counted as seen but not parsed. The default keeps
     * everything.
     */
    default boolean mightMatch(byte[] utf8, int offset, int length, int sourceOffset, int sourceLength) {
        return true;
    }

    /**
     * The byte sequences every record of interest contains in its raw bytes; empty (the default) when any record may
     * be of interest. Given them, the reader passes over the records of an array that hold none of them without
     * splitting them one by one (they are counted, not handed to {@link #mightMatch}), and does not even read past the
     * record holding the last one in an input (it then reports {@link SkipReason#TAIL_CANNOT_MATCH}). The first record
     * of every input is always split, so an input of the wrong kind is still recognized.
     */
    default java.util.Optional<NeedleSearch> possibleMatches() {
        return java.util.Optional.empty();
    }
}
