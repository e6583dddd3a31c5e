package io.monitron.indexer.port;

/**
 * A search engine documents are indexed into, with the run state kept beside them. One implementation per engine
 * (Elasticsearch today); the run is built against this interface, so another engine is a new class plus wiring.
 */
public interface Target extends AutoCloseable {
    /**
     * Checks, before anything is read, that the engine answers, accepts the credentials and holds a current index
     * template for the output.
     *
     * @throws RuntimeException a {@code SinkException} (unreachable, refused) or {@code ConfigException} (not set up)
     */
    void requireReady();

    /** The sink for this run's documents; rejected documents go to {@code deadLetter}. */
    DocumentSink sink(DeadLetter deadLetter);

    /** Where run states are kept ({@code index} is the engine's name for the place). */
    StateStore stateStore(String index);

    /** Where Identity Center users looked up by earlier runs are kept, beside the run states. */
    ResolvedUserStore resolvedUserStore(String index);

    @Override
    void close();
}
