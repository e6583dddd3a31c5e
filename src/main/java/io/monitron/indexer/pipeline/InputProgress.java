package io.monitron.indexer.pipeline;

import io.monitron.indexer.model.Acknowledgement;
import io.monitron.indexer.model.Input;
import io.monitron.indexer.model.Outcome;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Tracks one input until every document from it is acknowledged and its reading has finished; then reports it
 * complete, once. An input with any document that failed (neither indexed nor dead-lettered), or whose reading was
 * cut short, is complete but not {@link #succeeded()}, and is not marked done.
 */
final class InputProgress implements Acknowledgement {
    private final Input input;
    private final RunStats stats;
    private final Consumer<InputProgress> onComplete;
    /** Documents in flight, plus one while reading. */
    private final AtomicInteger pending = new AtomicInteger(1);

    private volatile boolean failed;
    private volatile boolean readCompletely;

    InputProgress(Input input, RunStats stats, Consumer<InputProgress> onComplete) {
        this.input = input;
        this.stats = stats;
        this.onComplete = onComplete;
    }

    Input input() {
        return input;
    }

    void documentAdded() {
        pending.incrementAndGet();
    }

    @Override
    public void acknowledge(Outcome outcome) {
        switch (outcome) {
            case INDEXED -> stats.eventsIndexed.increment();
            case ALREADY_INDEXED -> stats.eventsAlreadyIndexed.increment();
            case DEAD_LETTERED -> stats.eventsRejectedByElasticsearch.increment();
            case FAILED -> {
                stats.eventsFailed.increment();
                failed = true;
            }
        }
        release();
    }

    /** Reading ended; {@code completely} is false when it was cut short (I/O failure, stop request). */
    void readingFinished(boolean completely) {
        this.readCompletely = completely;
        release();
    }

    boolean succeeded() {
        return readCompletely && !failed;
    }

    private void release() {
        if (pending.decrementAndGet() == 0) {
            onComplete.accept(this);
        }
    }
}
