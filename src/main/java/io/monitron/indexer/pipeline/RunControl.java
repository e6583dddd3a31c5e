package io.monitron.indexer.pipeline;

/** Lets a signal handler ask a run to stop: no new inputs or records are read; what is in flight is finished. */
public final class RunControl {
    private volatile boolean stopRequested;

    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /** Thrown inside a reader callback to abandon the current input when a stop was requested. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("stop requested", null, false, false);
        }
    }
}
