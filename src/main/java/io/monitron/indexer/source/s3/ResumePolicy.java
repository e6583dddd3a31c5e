package io.monitron.indexer.source.s3;

import java.time.Duration;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * How often and how patiently an object body is resumed after its connection breaks: at most {@code maxResumes}
 * re-GETs per open stream, each after an exponential delay with full jitter between zero and
 * {@code baseDelay * 2^(n-1)}, capped at {@code maxDelay}. (Failures of the GET requests themselves, throttling
 * included, are retried by the SDK's retry strategy inside each re-GET.)
 */
public record ResumePolicy(int maxResumes, Duration baseDelay, Duration maxDelay) {
    /** Ten resumes, from 200 ms up to 10 s apart. */
    public static final ResumePolicy DEFAULT = new ResumePolicy(10, Duration.ofMillis(200), Duration.ofSeconds(10));

    public ResumePolicy {
        if (maxResumes < 0) {
            throw new IllegalArgumentException("maxResumes must not be negative");
        }
    }

    /** The wait before resume number {@code resume} (1-based). */
    Duration delayBefore(int resume) {
        // the SDK's strategies number attempts from the first try, which waits nothing: resume n is attempt n + 1
        return BackoffStrategy.exponentialDelay(baseDelay, maxDelay).computeDelay(resume + 1);
    }
}
