package io.monitron.indexer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunControlTest {
    @Test
    void anActionRunsOnceWhenTheStopIsRequested() {
        RunControl control = new RunControl();
        AtomicInteger runs = new AtomicInteger();
        control.onStop(runs::incrementAndGet);

        assertThat(runs).hasValue(0);
        control.requestStop();
        control.requestStop(); // a second signal

        assertThat(control.stopRequested()).isTrue();
        assertThat(runs).hasValue(1);
    }

    @Test
    void anActionRegisteredAfterTheStopRunsAtOnce() {
        RunControl control = new RunControl();
        control.requestStop();
        AtomicInteger runs = new AtomicInteger();

        control.onStop(runs::incrementAndGet);

        assertThat(runs).hasValue(1);
    }
}
