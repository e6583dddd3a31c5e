package io.monitron.indexer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineCpuTest {
    @Test
    void busyIsUserNiceSystemIrqSoftirqAndStealNotIdleOrIowait() {
        String stat =
                """
                cpu  100 2 30 5000 40 5 6 7 0 0
                cpu0 50 1 15 2500 20 2 3 3 0 0
                intr 12345
                """;

        assertThat(MachineCpu.parseBusyTicks(stat)).hasValue(100 + 2 + 30 + 5 + 6 + 7);
    }

    @Test
    void somethingElseIsUnknown() {
        assertThat(MachineCpu.parseBusyTicks("intr 1\n")).isEmpty();
        assertThat(MachineCpu.parseBusyTicks("cpu  1 2 3\n")).isEmpty();
    }
}
