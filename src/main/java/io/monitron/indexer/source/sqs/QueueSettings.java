package io.monitron.indexer.source.sqs;

import io.monitron.indexer.config.ConfigException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How {@link SqsSource} reads its queue.
 *
 * @param queueUrl the queue ({@code --sqs-queue-url})
 * @param waitTime how long one ReceiveMessage waits for messages (long polling; SQS allows up to 20 s)
 * @param maxPerReceive messages asked for per ReceiveMessage (1 to 10)
 * @param visibilityTimeout how long a received message stays hidden from other workers, renewed while it is in work;
 *     empty for the queue's own {@code VisibilityTimeout} attribute (read once at start)
 * @param idleExit end the listing once the queue has answered empty for this long ({@code --idle-exit}); empty to
 *     run until stopped. A shorter idle exit than {@code waitTime} shortens the long polls ({@link #receiveWait()})
 * @param maxMessages end the listing after receiving this many messages ({@code --max-messages}); empty for no limit
 * @param maxReceiveCount a message received more than this many times is dead-lettered by the indexer and deleted,
 *     for queues without a redrive policy; 0 to leave that to the queue's redrive policy alone
 * @param prefetch at most this many received messages wait for a reader at once (the memory bound ahead of the
 *     readers; messages in work are bounded by the run's readers)
 */
public record QueueSettings(
        String queueUrl,
        Duration waitTime,
        int maxPerReceive,
        Optional<Duration> visibilityTimeout,
        Optional<Duration> idleExit,
        OptionalLong maxMessages,
        int maxReceiveCount,
        int prefetch) {
    /** SQS's longest long poll. */
    public static final Duration WAIT_TIME = Duration.ofSeconds(20);
    /** SQS's most messages per ReceiveMessage. */
    public static final int MAX_PER_RECEIVE = 10;
    /** Filebeat's default for the same guard. */
    public static final int MAX_RECEIVE_COUNT = 5;

    public QueueSettings {
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new ConfigException("--sqs-queue-url needs the queue's URL, e.g."
                    + " https://sqs.eu-west-1.amazonaws.com/123456789012/cloudtrail-notifications");
        }
        if (waitTime.isNegative() || waitTime.compareTo(WAIT_TIME) > 0) {
            throw new ConfigException("the SQS wait time must be between 0 and 20 seconds, got " + waitTime);
        }
        if (maxPerReceive < 1 || maxPerReceive > MAX_PER_RECEIVE) {
            throw new ConfigException("messages per receive must be between 1 and 10, got " + maxPerReceive);
        }
        if (visibilityTimeout.isPresent()
                && (visibilityTimeout.get().toSeconds() < 1
                        || visibilityTimeout.get().compareTo(Duration.ofHours(12)) > 0)) {
            throw new ConfigException(
                    "the visibility timeout must be between 1 second and 12 hours, got " + visibilityTimeout.get());
        }
        if (idleExit.isPresent() && idleExit.get().isNegative()) {
            throw new ConfigException("--idle-exit must not be negative, got " + idleExit.get());
        }
        if (maxMessages.isPresent() && maxMessages.getAsLong() < 1) {
            throw new ConfigException("--max-messages must be at least 1, got " + maxMessages.getAsLong());
        }
        if (maxReceiveCount < 0) {
            throw new ConfigException("--max-receive-count must not be negative, got " + maxReceiveCount);
        }
        if (prefetch < 1) {
            throw new ConfigException("the prefetch must be at least 1 message, got " + prefetch);
        }
    }

    /**
     * The defaults: 20 s long polls of up to 10 messages, the queue's own visibility timeout, no idle exit, no message
     * limit, dead-lettered after {@value #MAX_RECEIVE_COUNT} receives, 10 messages received ahead of the readers.
     */
    public static QueueSettings of(String queueUrl) {
        return new QueueSettings(
                queueUrl,
                WAIT_TIME,
                MAX_PER_RECEIVE,
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                MAX_RECEIVE_COUNT,
                MAX_PER_RECEIVE);
    }

    /**
     * How long one ReceiveMessage waits: {@link #waitTime()}, or the idle exit rounded up to whole seconds (at least
     * one) when that is shorter. An empty long poll that outlasts the idle exit would keep an idle worker alive for the
     * rest of its wait: with 20 s polls, {@code --idle-exit PT2S} would end a run about 20 s after the queue emptied.
     */
    public Duration receiveWait() {
        if (idleExit.isEmpty()) {
            return waitTime;
        }
        Duration idle = idleExit.get();
        long seconds = Math.max(1, idle.toSeconds() + (idle.toNanosPart() > 0 ? 1 : 0));
        Duration wait = Duration.ofSeconds(seconds);
        return wait.compareTo(waitTime) < 0 ? wait : waitTime;
    }

    public QueueSettings withWaitTime(Duration wait) {
        return new QueueSettings(
                queueUrl, wait, maxPerReceive, visibilityTimeout, idleExit, maxMessages, maxReceiveCount, prefetch);
    }

    public QueueSettings withVisibilityTimeout(Optional<Duration> timeout) {
        return new QueueSettings(
                queueUrl, waitTime, maxPerReceive, timeout, idleExit, maxMessages, maxReceiveCount, prefetch);
    }

    public QueueSettings withIdleExit(Optional<Duration> idle) {
        return new QueueSettings(
                queueUrl, waitTime, maxPerReceive, visibilityTimeout, idle, maxMessages, maxReceiveCount, prefetch);
    }

    public QueueSettings withMaxMessages(OptionalLong max) {
        return new QueueSettings(
                queueUrl, waitTime, maxPerReceive, visibilityTimeout, idleExit, max, maxReceiveCount, prefetch);
    }

    public QueueSettings withMaxReceiveCount(int count) {
        return new QueueSettings(
                queueUrl, waitTime, maxPerReceive, visibilityTimeout, idleExit, maxMessages, count, prefetch);
    }

    public QueueSettings withPrefetch(int messages) {
        return new QueueSettings(
                queueUrl, waitTime, maxPerReceive, visibilityTimeout, idleExit, maxMessages, maxReceiveCount, messages);
    }
}
