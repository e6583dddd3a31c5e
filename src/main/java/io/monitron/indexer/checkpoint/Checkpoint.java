package io.monitron.indexer.checkpoint;

import io.monitron.indexer.model.Input;
import io.monitron.indexer.port.CheckpointException;

/**
 * What earlier runs completed, for one output. An input is completed only when every document from it was acknowledged
 * by the sink or taken by the dead-letter place; a run that stops early leaves its unfinished inputs unmarked, so the
 * next run reads them again (harmlessly: ids are deterministic). Used through {@link CheckpointedSource}, which asks
 * it in listing order and tells it each acknowledgement.
 */
public interface Checkpoint {
    /** Whether this input, in this version, was completed by an earlier run. Called in listing order. */
    boolean isDone(Input input);

    /** Records that this input is completed. Thread-safe; must not block on I/O (durable only after {@link #save()}). */
    void markDone(Input input);

    /**
     * Makes everything marked so far durable. Never called concurrently with itself.
     *
     * @throws CheckpointException when it cannot: fatal, the run must not report success
     */
    void save();

    /** The run ended; {@code complete} when everything listed was completed and nothing stopped it. */
    default void runEnded(boolean complete) {}
}
