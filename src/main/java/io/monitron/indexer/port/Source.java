package io.monitron.indexer.port;

import io.monitron.indexer.model.Input;
import java.util.stream.Stream;

/**
 * Where inputs come from. {@link #inputs()} lists lazily: a source may hold millions of objects. Listing problems
 * that stop the run are {@link SourceException}s.
 */
public interface Source extends AutoCloseable {
    Stream<Input> inputs();

    /** A short description for the summary, e.g. the paths or the bucket. */
    String describe();

    @Override
    default void close() {}
}
