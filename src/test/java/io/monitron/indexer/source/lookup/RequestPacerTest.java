package io.monitron.indexer.source.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPacerTest {
    private long now;
    private final List<Duration> sleeps = new ArrayList<>();
    private final RequestPacer pacer = new RequestPacer(Duration.ofMillis(500), () -> now, d -> {
        sleeps.add(d);
        now += d.toNanos(); // the fake clock moves by what was slept
    });

    @Test
    void letsTheFirstCallThroughAtOnce() throws InterruptedException {
        pacer.paced(() -> null);

        assertThat(sleeps).isEmpty();
    }

    @Test
    void waitsOutTheRestOfTheIntervalSinceThePreviousCall() throws InterruptedException {
        pacer.paced(() -> null);
        now += Duration.ofMillis(120).toNanos();
        pacer.paced(() -> null);
        pacer.paced(() -> null);

        assertThat(sleeps).containsExactly(Duration.ofMillis(380), Duration.ofMillis(500));
    }

    @Test
    void countsTheIntervalFromTheEndOfTheCallSoRetriesInsideItAreCovered() throws InterruptedException {
        pacer.paced(() -> {
            now += Duration.ofMillis(2_000).toNanos(); // a throttled attempt, a backoff and a retry
            return null;
        });
        now += Duration.ofMillis(100).toNanos();
        pacer.paced(() -> null);

        assertThat(sleeps).containsExactly(Duration.ofMillis(400));
    }

    @Test
    void doesNotWaitWhenTheIntervalHasAlreadyPassed() throws InterruptedException {
        pacer.paced(() -> null);
        now += Duration.ofMillis(700).toNanos();
        pacer.paced(() -> null);
        now += Duration.ofMillis(499).toNanos();
        pacer.paced(() -> null);

        assertThat(sleeps).containsExactly(Duration.ofMillis(1));
    }
}
