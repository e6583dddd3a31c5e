package io.monitron.indexer.source.lookup;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Keeps calls at least {@code minInterval} apart: {@link #paced(Supplier)} waits until that long has passed since the
 * previous call ended. LookupEvents allows about two requests per second per account and region, so the source
 * keeps one pacer per region at 500 ms. The time source and the sleeper are injectable so tests can check the pacing
 * without waiting. Thread-safe.
 */
public final class RequestPacer {
    /** Waits; {@link Thread#sleep(long)} in production. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Two requests per second: LookupEvents' documented limit per account and region. */
    public static final Duration LOOKUP_EVENTS_INTERVAL = Duration.ofMillis(500);

    private final long minIntervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private boolean called;
    private long lastEndNanos;

    public RequestPacer(Duration minInterval, LongSupplier nanoTime, Sleeper sleeper) {
        this.minIntervalNanos = minInterval.toNanos();
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** A pacer for LookupEvents on the system's clock. */
    public static RequestPacer forLookupEvents() {
        return new RequestPacer(
                LOOKUP_EVENTS_INTERVAL, System::nanoTime, d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    /**
     * Makes {@code call} once at least the interval has passed since the previous call <em>ended</em>, and returns
     * its result. Counting from the end, not the start, matters: a call may be retried inside the SDK, and its last
     * attempt can go out long after the call began; counting from the end keeps the next call at least an interval
     * after any attempt of this one.
     */
    public synchronized <T> T paced(Supplier<T> call) throws InterruptedException {
        if (called) {
            long wait = lastEndNanos + minIntervalNanos - nanoTime.getAsLong();
            if (wait > 0) {
                sleeper.sleep(Duration.ofNanos(wait));
            }
        }
        try {
            return call.get();
        } finally {
            called = true;
            lastEndNanos = nanoTime.getAsLong();
        }
    }
}
