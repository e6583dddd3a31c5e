package io.monitron.indexer.local;

/** The local node could not be started, reached or stopped (exit code 1). The message says where to look. */
public final class LocalNodeException extends RuntimeException {
    public LocalNodeException(String message) {
        super(message);
    }

    public LocalNodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
