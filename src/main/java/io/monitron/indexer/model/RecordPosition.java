package io.monitron.indexer.model;

/**
 * Where a record came from: the input's display location (a file path, an {@code s3://} URL, a LookupEvents page)
 * and the record's 1-based number within it. Record number 0 means the input as a whole (e.g. a file that could
 * not be opened).
 *
 * <p>A record re-driven from a dead-letter file keeps the place it was first read from ({@code source} and {@code
 * record} of its entry), so documents and second-round dead letters point at the original input; {@code redrivenFrom}
 * then says which dead-letter entry brought it back.
 *
 * @param redrivenFrom the dead-letter file and entry number the record was read from, or {@code null} when it was
 *     read from its original input
 */
public record RecordPosition(String source, long record, RecordPosition redrivenFrom) {
    /** A record read from its original input. */
    public RecordPosition(String source, long record) {
        this(source, record, null);
    }

    public static RecordPosition wholeInput(String source) {
        return new RecordPosition(source, 0);
    }

    /** The original position of a record re-driven from the dead-letter entry at {@code entry}. */
    public static RecordPosition reDriven(String source, long record, RecordPosition entry) {
        return new RecordPosition(source, record, entry);
    }

    @Override
    public String toString() {
        String where = record == 0 ? source : source + " record " + record;
        return redrivenFrom == null ? where : where + " (re-driven from " + redrivenFrom + ")";
    }
}
