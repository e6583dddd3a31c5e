package io.monitron.indexer.bench;

/**
 * One way of doing a benchmark's job over the same input, timed by {@link Rounds}. Implementations do their
 * preparation (opening clients, serializing bodies) before {@link #run} so that only the work itself is timed.
 */
public interface Contender {
    /** Short name shown in the tables, e.g. {@code "gunzip (Java)"}. */
    String name();

    /**
     * Does the work once and returns what it counted (events kept, documents sent, bytes decompressed): printed
     * next to the time so that contenders can be seen to have done the same work.
     *
     * @throws BenchmarkException when the work failed; a failed contender has no time
     */
    long run();

    /**
     * Clears what an earlier run left behind (indices), so every run starts alike; called before each run, not timed.
     * What the last run leaves stays, for checking.
     */
    default void prepare() {}

    /**
     * The CPU time the last {@link #run} took in processes of its own (a child process and its children), when the
     * contender runs the work outside this JVM; empty for work done in this JVM, whose CPU {@link Rounds} measures.
     */
    default java.util.Optional<java.time.Duration> ownCpuOfLastRun() {
        return java.util.Optional.empty();
    }
}
