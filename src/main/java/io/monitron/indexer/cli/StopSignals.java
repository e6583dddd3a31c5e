package io.monitron.indexer.cli;

import io.monitron.indexer.pipeline.RunControl;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGINT (Ctrl-C) and SIGTERM ask the run to stop: reading stops, what is in flight is flushed, the state is saved and
 * the command exits 130. A second signal exits at once, and so does a run that has not ended {@link #GRACE} after the
 * first (e.g. Elasticsearch does not answer and a request would wait for its socket timeout): nothing unacknowledged
 * is marked done, so a re-run repairs it.
 */
final class StopSignals {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    /** How long a stopping run may take to flush what is in flight before the process quits anyway. */
    static final java.time.Duration GRACE = java.time.Duration.ofSeconds(10);

    private StopSignals() {}

    static void install(RunControl control) {
        AtomicInteger received = new AtomicInteger();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (received.incrementAndGet() == 1) {
                        LOG.warn(
                                "SIG{} received: stopping after what is in flight (send it again to quit at once)",
                                name);
                        control.requestStop();
                        quitAfterGrace();
                    } else {
                        Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
                    }
                });
            } catch (IllegalArgumentException e) {
                LOG.debug("cannot handle SIG{} here: {}", name, e.getMessage());
            }
        }
    }

    private static void quitAfterGrace() {
        Thread quitter = new Thread(
                () -> {
                    try {
                        Thread.sleep(GRACE.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                    LOG.warn(
                            "still flushing {} s after the stop request (Elasticsearch does not answer?): quitting now;"
                                    + " what was not acknowledged stays undone and is read again by the next run",
                            GRACE.toSeconds());
                    Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
                },
                "stop-grace");
        quitter.setDaemon(true);
        quitter.start();
    }
}
