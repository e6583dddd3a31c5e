package io.monitron.indexer.model;

/**
 * A record (or a whole input) that could not be turned into a document. Rejections are data, not exceptions: they
 * travel to the dead-letter writer and the run statistics with the position they came from.
 *
 * @param position where the record was found
 * @param reason a message a user can act on; never contains secrets
 * @param raw the raw record text as far as it could be read, or {@code null} when nothing could be read
 */
public record Rejection(RecordPosition position, String reason, String raw) {
    /** The member that marks a dead-letter entry, written first in each: readers know such a line when they see it. */
    public static final String DEAD_LETTER_MARKER = "monitron_dead_letter";
}
