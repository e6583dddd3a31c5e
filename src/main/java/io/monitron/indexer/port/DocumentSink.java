package io.monitron.indexer.port;

import io.monitron.indexer.model.Acknowledgement;
import io.monitron.indexer.model.Document;

/**
 * Where documents go. {@link #add} may block while the sink is full (backpressure); every added document is
 * acknowledged exactly once, possibly on another thread, possibly before {@code add} returns.
 */
public interface DocumentSink extends AutoCloseable {
    void add(Document document, Acknowledgement acknowledgement);

    /**
     * Sends what is buffered and waits until every added document has been acknowledged.
     *
     * @throws SinkException when the sink failed for good; documents not written were acknowledged {@link
     *     Outcome#FAILED}
     */
    void finish();

    /**
     * Whether the sink has failed for good (credentials refused, retries exhausted): every later document would be
     * acknowledged {@link io.monitron.indexer.model.Outcome#FAILED}, so the run stops reading. Non-blocking.
     */
    default boolean failed() {
        return false;
    }

    /** The run is stopping: give up waiting retries (their documents are acknowledged {@link Outcome#FAILED}). */
    default void stopRetrying() {}

    @Override
    default void close() {}
}
