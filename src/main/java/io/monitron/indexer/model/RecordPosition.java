package io.monitron.indexer.model;

/**
 * Where a record came from: the input's display location (a file path, an {@code s3://} URL, a LookupEvents page)
 * and the record's 1-based number within it. Record number 0 means the input as a whole (e.g. a file that could
 * not be opened).
 */
public record RecordPosition(String source, long record) {
    public static RecordPosition wholeInput(String source) {
        return new RecordPosition(source, 0);
    }

    @Override
    public String toString() {
        return record == 0 ? source : source + " record " + record;
    }
}
