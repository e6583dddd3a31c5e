package io.monitron.indexer.sink;

import java.time.Duration;

/**
 * The one backoff policy: exponential from {@code initialDelay}, capped at {@code maxDelay}, for at most
 * {@code maxAttempts} attempts in all (the first try included).
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    /** About two and a half minutes of retrying before giving up. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(10, Duration.ofMillis(500), Duration.ofSeconds(30));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** Whether an HTTP status means "not now": 429 and the 5xx answers a busy or restarting cluster gives. */
    public static boolean retryableStatus(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /** Whether another attempt may follow attempt number {@code attempt} (1-based). */
    public boolean allowsAnotherAfter(int attempt) {
        return attempt < maxAttempts;
    }

    /** The wait before attempt number {@code attempt + 1}. */
    public Duration delayAfter(int attempt) {
        long millis = initialDelay.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
