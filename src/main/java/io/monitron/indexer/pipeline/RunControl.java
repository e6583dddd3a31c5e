package io.monitron.indexer.pipeline;

import java.util.ArrayList;
import java.util.List;

/** Lets a signal handler ask a run to stop: no new inputs or records are read; what is in flight is finished. */
public final class RunControl {
    private volatile boolean stopRequested;
    private final List<Runnable> onStop = new ArrayList<>();

    /** Asks the run to stop, and runs the actions registered with {@link #onStop} on this thread; later calls do nothing. */
    public void requestStop() {
        List<Runnable> actions;
        synchronized (onStop) {
            if (stopRequested) {
                return;
            }
            stopRequested = true;
            actions = List.copyOf(onStop);
            onStop.clear();
        }
        actions.forEach(Runnable::run);
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Runs {@code action} once, when a stop is requested (at once, on this thread, if it already was): e.g. tells the
     * source, so that an input cut short by the stop finds its source stopping when it is acknowledged. The action
     * must be thread-safe and must not block (a signal handler's thread runs it).
     */
    void onStop(Runnable action) {
        synchronized (onStop) {
            if (!stopRequested) {
                onStop.add(action);
                return;
            }
        }
        action.run();
    }

    /** Thrown inside a reader callback to abandon the current input when a stop was requested. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("stop requested", null, false, false);
        }
    }
}
