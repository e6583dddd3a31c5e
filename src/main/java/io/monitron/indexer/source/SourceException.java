package io.monitron.indexer.source;

/** The source cannot be listed or read at all (exit code 1). The message says which source and why. */
public class SourceException extends RuntimeException {
    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
