package io.monitron.indexer.port;

import io.monitron.indexer.model.Input;
import java.util.stream.Stream;

/**
 * Where inputs come from, and who is told what became of each one.
 *
 * <p>The contract, in the order a run uses it:
 *
 * <ol>
 *   <li>{@link #inputs} lists lazily, in order. A source may hold millions of inputs, or be unbounded (a queue): then
 *       its stream's iteration may block waiting for more, and ends only when the source is exhausted or after {@link
 *       #stop()}. Inputs the source decides not to hand over (already done, not an input by its name, not a regular
 *       file, a folder it cannot list) are reported to the {@link Listing} instead. Listing problems that stop the
 *       run are {@code SourceException}s.
 *   <li>{@link #acknowledge} is called exactly once for every input handed over, from any thread, once its fate is
 *       known: {@code completed} when it was read to the end and every document from it was acknowledged by the sink
 *       or dead-lettered; not completed when reading was cut short or a document failed, so a later run (or another
 *       worker) must offer it again. It must not block on I/O: a source that records acknowledgements durably does so
 *       in {@link #commit()}.
 *   <li>{@link #commit()} makes the acknowledgements so far durable. The run calls it periodically and once more after
 *       the last acknowledgement, never concurrently with itself; it may do I/O.
 *   <li>{@link #close()} releases what the source holds open. The run does not close the source: whoever built it does.
 * </ol>
 */
public interface Source extends AutoCloseable {
    /** The inputs to read; the stream is closed by the run. */
    Stream<Input> inputs(Listing listing);

    /** What became of an input handed over by {@link #inputs}. Thread-safe, non-blocking. */
    default void acknowledge(Input input, boolean completed) {}

    /**
     * Makes the acknowledgements so far durable.
     *
     * @throws RuntimeException a {@code CheckpointException} or {@code SourceException} when it cannot: fatal
     */
    default void commit() {}

    /**
     * The run has ended. {@code complete} when the listing ran to its end and every input handed over was completed,
     * with no stop request: a source that may only record progress for a whole listing (Event History) does it then,
     * and makes it durable in the {@link #commit()} that follows.
     */
    default void runEnded(boolean complete) {}

    /** Asks the listing to end promptly (a stop request, or a fatal failure elsewhere). Thread-safe, non-blocking. */
    default void stop() {}

    @Override
    default void close() {}
}
