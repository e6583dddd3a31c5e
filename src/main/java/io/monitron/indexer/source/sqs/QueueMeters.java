package io.monitron.indexer.source.sqs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.monitron.indexer.port.PassOver;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The queue's meters, as Prometheus names them ({@code indexer_sqs_...}): what this worker received, deleted, gave
 * up, released and extended, what became of the objects messages named, how long messages waited before their first
 * receive, and the queue's own depth from GetQueueAttributes (SQS's ApproximateAgeOfOldestMessage is a CloudWatch
 * metric only, not a queue attribute: the lag's max stands in for it).
 */
final class QueueMeters {
    final Counter received;
    final Counter deleted;
    final Counter released;
    final Counter extensions;
    final Counter unrecognised;
    final Counter notCompleted;
    final Counter deadLettered;
    final Counter deleteFailed;
    final Counter objectsHandedOver;
    final Counter objectsUnreadable;
    private final Map<PassOver, Counter> objectsPassedOver = new EnumMap<>(PassOver.class);
    final Timer lag;
    final AtomicLong visibleMessages = new AtomicLong(-1);
    final AtomicLong inFlightMessages = new AtomicLong(-1);

    QueueMeters(MeterRegistry registry, String queueUrl, Supplier<Number> held) {
        String queue = queueName(queueUrl);
        received = counter(registry, "indexer.sqs.messages.received", "Messages received from the queue", queue);
        deleted = counter(registry, "indexer.sqs.messages.deleted", "Messages deleted: all they named was done", queue);
        released = counter(
                registry,
                "indexer.sqs.messages.released",
                "Messages made visible again at once because the run stopped before they were done",
                queue);
        extensions = counter(
                registry,
                "indexer.sqs.visibility.extensions",
                "ChangeMessageVisibility renewals of messages in work",
                queue);
        unrecognised = failed(registry, queue, "unrecognised");
        notCompleted = failed(registry, queue, "not_completed");
        deadLettered = failed(registry, queue, "receive_limit");
        deleteFailed = failed(registry, queue, "delete_failed");
        objectsHandedOver = object(registry, queue, "read");
        objectsUnreadable = object(registry, queue, "not_found");
        for (PassOver reason : PassOver.values()) {
            objectsPassedOver.put(reason, object(registry, queue, reason.name().toLowerCase(Locale.ROOT)));
        }
        Gauge.builder("indexer.sqs.messages.held", held)
                .description("Messages this worker holds: received and not yet deleted or given back")
                .tag("queue", queue)
                .register(registry);
        lag = Timer.builder("indexer.sqs.message.lag")
                .description("How long messages waited on the queue before their first receive (SentTimestamp to"
                        + " receipt); its max is the age of the oldest message received lately")
                .tag("queue", queue)
                .register(registry);
        queueGauge(
                registry,
                "indexer.sqs.queue.messages.visible",
                visibleMessages,
                "The queue's ApproximateNumberOfMessages, polled",
                queue);
        queueGauge(
                registry,
                "indexer.sqs.queue.messages.in.flight",
                inFlightMessages,
                "The queue's ApproximateNumberOfMessagesNotVisible, polled",
                queue);
    }

    void passedOver(PassOver reason) {
        objectsPassedOver.get(reason).increment();
    }

    /** The last path segment of the queue URL: its name, never credentials. */
    static String queueName(String queueUrl) {
        String trimmed = queueUrl.endsWith("/") ? queueUrl.substring(0, queueUrl.length() - 1) : queueUrl;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static Counter counter(MeterRegistry registry, String name, String description, String queue) {
        return Counter.builder(name)
                .description(description)
                .tag("queue", queue)
                .register(registry);
    }

    private static Counter failed(MeterRegistry registry, String queue, String reason) {
        return Counter.builder("indexer.sqs.messages.failed")
                .description("Messages not deleted as done, by reason")
                .tag("queue", queue)
                .tag("reason", reason)
                .register(registry);
    }

    private static Counter object(MeterRegistry registry, String queue, String outcome) {
        return Counter.builder("indexer.sqs.objects")
                .description("Objects named by messages, by what became of them")
                .tag("queue", queue)
                .tag("outcome", outcome)
                .register(registry);
    }

    private static void queueGauge(
            MeterRegistry registry, String name, AtomicLong value, String description, String queue) {
        // NaN until the first poll answered, so a dashboard does not read an unknown age as zero
        Gauge.builder(name, value, v -> v.get() < 0 ? Double.NaN : v.get())
                .description(description)
                .tag("queue", queue)
                .register(registry);
    }
}
