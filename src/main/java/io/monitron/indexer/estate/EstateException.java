package io.monitron.indexer.estate;

/** The estate index could not be read or written (Elasticsearch unreachable or refusing); the message says what to do. */
public class EstateException extends RuntimeException {
    public EstateException(String message, Throwable cause) {
        super(message, cause);
    }
}
