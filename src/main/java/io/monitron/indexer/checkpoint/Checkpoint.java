package io.monitron.indexer.checkpoint;

import io.monitron.indexer.model.Input;

/**
 * What earlier runs completed. An input is completed only when every document from it was acknowledged by
 * Elasticsearch or taken by the dead-letter place; a run that stops early leaves its unfinished inputs unmarked, so the
 * next run reads them again (harmlessly: ids are deterministic).
 */
public interface Checkpoint extends AutoCloseable {
    /** Whether this input, in this version, was completed by an earlier run. */
    boolean isDone(Input input);

    /** Records that this input is completed. Thread-safe; may buffer until {@link #save()}. */
    void markDone(Input input);

    /**
     * Makes everything marked so far durable.
     *
     * @throws CheckpointException when it cannot: fatal, the run must not report success
     */
    void save();

    @Override
    default void close() {
        save();
    }
}
