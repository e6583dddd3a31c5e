package io.monitron.indexer.bench;

/** The benchmark cannot go on: a contender failed, a tool is broken or the corpus is unusable. */
public final class BenchmarkException extends RuntimeException {
    public BenchmarkException(String message) {
        super(message);
    }

    public BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
