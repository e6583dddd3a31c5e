package io.monitron.indexer.port;

import io.monitron.indexer.model.Rejection;

/** Keeps what could not be indexed, with where it came from and why, so nothing is silently lost. Thread-safe. */
public interface DeadLetter extends AutoCloseable {
    void write(Rejection rejection);

    /** How many entries were written. */
    long count();

    @Override
    void close();
}
