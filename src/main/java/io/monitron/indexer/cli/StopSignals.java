package io.monitron.indexer.cli;

import io.monitron.indexer.pipeline.RunControl;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGINT (Ctrl-C) and SIGTERM ask the run to stop: reading stops, what is in flight is flushed, the state is saved and
 * the command exits 130. A second signal exits at once (nothing unacknowledged is marked done, so a re-run repairs it).
 */
final class StopSignals {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

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
                    } else {
                        Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
                    }
                });
            } catch (IllegalArgumentException e) {
                LOG.debug("cannot handle SIG{} here: {}", name, e.getMessage());
            }
        }
    }
}
