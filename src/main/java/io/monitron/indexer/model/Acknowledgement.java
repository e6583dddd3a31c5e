package io.monitron.indexer.model;

/**
 * Told exactly once per document what became of it. Called from the sink's own threads, so implementations must be
 * thread-safe and must not block.
 */
@FunctionalInterface
public interface Acknowledgement {
    void acknowledge(Outcome outcome);
}
