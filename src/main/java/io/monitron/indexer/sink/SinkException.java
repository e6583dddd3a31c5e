package io.monitron.indexer.sink;

/** The sink cannot go on (Elasticsearch unreachable, refusing, or not set up); the run stops with exit code 1. */
public class SinkException extends RuntimeException {
    public SinkException(String message) {
        super(message);
    }

    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
