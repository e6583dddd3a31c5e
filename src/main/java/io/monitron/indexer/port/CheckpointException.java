package io.monitron.indexer.port;

/** The checkpoint cannot be read or written; fatal (exit code 1), as a lost checkpoint write would repeat or skip work. */
public class CheckpointException extends RuntimeException {
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
