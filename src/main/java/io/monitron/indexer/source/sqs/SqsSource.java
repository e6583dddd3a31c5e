package io.monitron.indexer.source.sqs;

import io.micrometer.core.instrument.MeterRegistry;
import io.monitron.indexer.concurrent.DaemonThreads;
import io.monitron.indexer.model.Input;
import io.monitron.indexer.model.RecordPosition;
import io.monitron.indexer.model.Rejection;
import io.monitron.indexer.port.Listing;
import io.monitron.indexer.port.PassOver;
import io.monitron.indexer.port.Source;
import io.monitron.indexer.source.SourceException;
import io.monitron.indexer.source.s3.S3ObjectInput;
import io.monitron.indexer.source.sqs.HeldMessage.Settlement;
import io.monitron.indexer.source.sqs.Notification.ObjectsNamed;
import io.monitron.indexer.source.sqs.Notification.TestEvent;
import io.monitron.indexer.source.sqs.Notification.Unrecognised;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;

/**
 * The trail objects that notifications on an SQS queue name: the continuous mode. Any number of workers may share
 * the queue; SQS hands each message to one of them at a time, and this source deletes a message only once every
 * object it names is done.
 *
 * <p><b>Receiving.</b> A receiver thread long-polls the queue ({@link QueueSettings#receiveWait()}, up to {@link
 * QueueSettings#maxPerReceive()} messages, asking for {@code ApproximateReceiveCount} and {@code SentTimestamp}) and
 * parses each message ({@link Notification}). Each trail log file a message names becomes an {@link S3ObjectInput}
 * (location and state key {@code s3://bucket/key}, version its ETag: the same as {@code S3TrailSource} lists, so batch
 * and continuous runs share their state). The ETag and size come from the notification; CloudTrail's own notification
 * carries neither, so such objects are looked up with HeadObject. At most {@link QueueSettings#prefetch()} received
 * messages wait for a reader at once: the receiver asks for no more until readers take their objects.
 *
 * <p><b>What is not read.</b> Digests, Insights files and keys outside the trail layout are reported to the {@link
 * Listing} ({@link PassOver#DIGEST}, {@link PassOver#INSIGHT}, {@link PassOver#NOT_A_TRAIL_OBJECT}) and counted; so
 * are objects the {@code alreadyDone} predicate accepts ({@link PassOver#ALREADY_DONE}). An object that no longer
 * exists is dead-lettered. A message naming nothing left to read ({@code s3:TestEvent}, deletions, only skipped
 * objects) is deleted at once. A message that is no notification at all is left alone: it reappears after its
 * visibility timeout until the queue's redrive policy moves it to the dead-letter queue; it is logged once per message
 * id and counted. A message received more than {@link QueueSettings#maxReceiveCount()} times is written to the
 * dead-letter place by this source and deleted (the guard for queues without a redrive policy).
 *
 * <p><b>Visibility.</b> Every message is received with the visibility timeout this source knows (the setting, or the
 * queue's own), and from that moment a heartbeat renews it (ChangeMessageVisibilityBatch) every third of that timeout
 * while the message is held: waiting for a reader or in work. A message stops being renewed once SQS answers that its
 * receipt handle is no longer valid.
 *
 * <p><b>Settling.</b> {@link #acknowledge} only updates counters in memory; the SQS calls it leads to run on one
 * writer thread, in order with the heartbeat's renewals (so a renewal never re-hides a message given back). When every
 * object of a message is acknowledged completed, the message is deleted. When one is not completed, the message is
 * <em>not</em> deleted and no longer renewed: it reappears once its current visibility timeout runs out (at most that
 * timeout later), which spaces out retries and lets {@code ApproximateReceiveCount} grow toward the redrive policy; a
 * read that failed for good is not retried in a tight loop by every worker. Only after {@link #stop()} are such
 * messages, and messages not started at all, given back (visibility 0), as soon as the receiver's last long poll has
 * ended (a message made visible while it is open would be received again by this worker). {@link #commit()} waits
 * until the writer has done every deletion asked for so far; a deletion that fails is logged and counted, and the message is
 * simply read again (harmless: document ids are deterministic).
 *
 * <p><b>End.</b> The listing ends after {@link #stop()} (promptly: the iterator does not wait for the receiver's long
 * poll), once the queue has answered empty for {@link QueueSettings#idleExit()}, or after {@link
 * QueueSettings#maxMessages()} messages. A receive that fails for good (after the SDK's retries) ends the listing with a
 * {@link SourceException}. {@link #close()} gives back every message still held and stops the threads; the clients
 * are the caller's.
 */
public final class SqsSource implements Source {
    private static final Logger LOG = LoggerFactory.getLogger(SqsSource.class);
    /** Error codes meaning the receipt handle is gone: the message was deleted or received again by someone. */
    private static final Set<String> HANDLE_GONE =
            Set.of("ReceiptHandleIsInvalid", "InvalidParameterValue", "MessageNotInflight");

    private static final Duration POLL_QUEUE_EVERY = Duration.ofSeconds(15);
    private static final long HAND_OVER_POLL_MILLIS = 50;
    private static final int UNRECOGNISED_REMEMBERED = 10_000;
    private static final String RECEIVE_PERMISSIONS = "the indexer needs sqs:ReceiveMessage,"
            + " sqs:ChangeMessageVisibility, sqs:DeleteMessage and sqs:GetQueueAttributes on the queue, and"
            + " kms:Decrypt on its KMS key when the queue is encrypted with one";

    private final SqsClient sqs;
    private final S3Client s3;
    private final QueueSettings settings;
    private final Consumer<Rejection> deadLetter;
    private final Predicate<Input> alreadyDone;
    private final QueueMeters meters;
    private final Semaphore prefetch;
    private final LinkedBlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>();
    private final Set<HeldMessage> held = ConcurrentHashMap.newKeySet();
    private final Map<Input, HeldMessage> inWork = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Set<String> unrecognisedLogged = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > UNRECOGNISED_REMEMBERED;
        }
    });
    private final AtomicBoolean started = new AtomicBoolean();
    /** Give-backs asked for while the receiver's last long poll may still take them again; sent once it is done. */
    private final List<HeldMessage> releaseAfterReceiver = new ArrayList<>();

    private final ExecutorService writer = Executors.newSingleThreadExecutor(new DaemonThreads("sqs-writer"));
    private final ScheduledExecutorService heartbeat =
            Executors.newSingleThreadScheduledExecutor(new DaemonThreads("sqs-heartbeat"));
    private volatile boolean stopping;
    private volatile boolean receiverDone;
    private volatile RuntimeException failure;
    private volatile long lastReceiverProgress = System.nanoTime();
    private volatile Listing listing = Listing.IGNORE;
    private volatile Duration visibility;
    private Thread receiver;

    /** A source that hands over every trail object (the run judges what is already done). */
    public SqsSource(
            SqsClient sqs, S3Client s3, QueueSettings settings, Consumer<Rejection> deadLetter, MeterRegistry meters) {
        this(sqs, s3, settings, deadLetter, meters, input -> false);
    }

    /**
     * @param sqs the queue's client (e.g. {@code AwsClients.sqs(queueUrl)}); not closed here
     * @param s3 the trail bucket's client; not closed here
     * @param deadLetter where messages over the receive limit and objects that no longer exist go; thread-safe
     * @param meters where the {@code indexer.sqs.*} meters are registered
     * @param alreadyDone objects completed by an earlier run (e.g. the checkpoint's {@code isDone}): passed over as
     *     {@link PassOver#ALREADY_DONE} and counted done for their message; called on the receiver thread
     */
    public SqsSource(
            SqsClient sqs,
            S3Client s3,
            QueueSettings settings,
            Consumer<Rejection> deadLetter,
            MeterRegistry meters,
            Predicate<Input> alreadyDone) {
        this.sqs = sqs;
        this.s3 = s3;
        this.settings = settings;
        this.deadLetter = deadLetter;
        this.alreadyDone = alreadyDone;
        this.meters = new QueueMeters(meters, settings.queueUrl(), held::size);
        this.prefetch = new Semaphore(settings.prefetch());
    }

    /**
     * Starts receiving. May be called once.
     *
     * @throws SourceException when the queue's visibility timeout cannot be read (no queue, no permission)
     */
    @Override
    public Stream<Input> inputs(Listing listing) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("an SQS source lists once");
        }
        this.listing = listing;
        this.visibility = settings.visibilityTimeout().orElseGet(this::queueVisibilityTimeout);
        long renewMillis = Math.max(200, visibility.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(
                () -> onWriter(this::renewVisibility), renewMillis, renewMillis, TimeUnit.MILLISECONDS);
        heartbeat.scheduleWithFixedDelay(this::pollQueue, 0, POLL_QUEUE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        receiver = new DaemonThreads("sqs-receiver").newThread(this::receive);
        receiver.start();
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(new HandOver(), Spliterator.ORDERED | Spliterator.NONNULL),
                        false)
                .onClose(this::stop);
    }

    /** The visibility timeout in force: the setting, or the queue's own once {@link #inputs} has read it. */
    public Duration visibilityTimeout() {
        return visibility;
    }

    @Override
    public void acknowledge(Input input, boolean completed) {
        HeldMessage message = inWork.remove(input);
        if (message == null) {
            LOG.debug("{}: acknowledged, but not in work from this source", input.location());
            return;
        }
        settle(message, message.acknowledged(completed));
    }

    /** Waits until every deletion and give-back asked for so far was sent to SQS. */
    @Override
    public void commit() {
        try {
            writer.submit(() -> {}).get();
        } catch (RejectedExecutionException e) {
            // closed: nothing more will be sent
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void stop() {
        stopping = true;
        dropWaiting();
    }

    /**
     * Whether the receiver is alive: it has not failed for good and its loop went round within two long polls and a
     * minute (it goes round at least once a second while waiting for readers). For a {@code /health} endpoint.
     */
    public boolean healthy() {
        if (failure != null) {
            return false;
        }
        if (receiverDone || !started.get()) {
            return true;
        }
        long quietNanos = System.nanoTime() - lastReceiverProgress;
        return quietNanos < settings.waitTime().multipliedBy(2).plusMinutes(1).toNanos();
    }

    /** Gives back every message still held, and stops the threads. Waits for the receiver's last long poll. */
    @Override
    public void close() {
        stop();
        if (receiver != null) {
            try {
                receiver.join(settings.waitTime().plusSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        dropWaiting();
        receiverFinished(); // also when the receiver's last call outlived the join: give back what waits for it
        for (HeldMessage message : List.copyOf(held)) {
            giveBack(message);
        }
        heartbeat.shutdownNow();
        writer.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("SQS calls still pending at close; their messages reappear after their visibility timeout");
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- receiving (receiver thread)

    private void receive() {
        long received = 0;
        long emptySince = -1;
        try {
            while (!stopping) {
                lastReceiverProgress = System.nanoTime();
                long wanted = settings.maxPerReceive();
                if (settings.maxMessages().isPresent()) {
                    wanted = Math.min(wanted, settings.maxMessages().getAsLong() - received);
                    if (wanted <= 0) {
                        LOG.info("received {} messages (--max-messages): no more receiving", received);
                        break;
                    }
                }
                int permits = takePermits((int) wanted);
                if (permits == 0) {
                    continue;
                }
                long receiveStart = System.nanoTime();
                List<Message> messages = receiveMessages(permits);
                prefetch.release(permits - messages.size());
                if (messages.isEmpty()) {
                    emptySince = emptySince < 0 ? receiveStart : emptySince;
                    if (settings.idleExit().isPresent()
                            && System.nanoTime() - emptySince
                                    >= settings.idleExit().get().toNanos()) {
                        LOG.info(
                                "the queue stayed empty for {} (--idle-exit): no more receiving",
                                settings.idleExit().get());
                        break;
                    }
                    continue;
                }
                emptySince = -1;
                for (Message message : messages) {
                    received++;
                    take(message);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            if (stopping) {
                dropWaiting();
            }
            receiverFinished();
        }
    }

    /** Marks the receiver done and sends the give-backs that waited for it. */
    private void receiverFinished() {
        List<HeldMessage> releases;
        synchronized (releaseAfterReceiver) {
            receiverDone = true;
            releases = List.copyOf(releaseAfterReceiver);
            releaseAfterReceiver.clear();
        }
        releases.forEach(message -> onWriter(() -> release(message)));
    }

    /** At least one and at most {@code wanted} places among the prefetched messages, or 0 after a second's wait. */
    private int takePermits(int wanted) {
        try {
            if (!prefetch.tryAcquire(1, TimeUnit.SECONDS)) {
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return 0;
        }
        int permits = 1;
        while (permits < wanted && prefetch.tryAcquire()) {
            permits++;
        }
        return permits;
    }

    private List<Message> receiveMessages(int count) {
        try {
            return sqs.receiveMessage(r -> r.queueUrl(settings.queueUrl())
                            .maxNumberOfMessages(count)
                            .waitTimeSeconds((int) settings.receiveWait().toSeconds())
                            .visibilityTimeout((int) visibility.toSeconds())
                            .messageSystemAttributeNames(
                                    MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                                    MessageSystemAttributeName.SENT_TIMESTAMP))
                    .messages();
        } catch (SdkException e) {
            prefetch.release(count);
            throw new SourceException(
                    "cannot receive from " + settings.queueUrl() + ": " + SqsErrors.describe(e, RECEIVE_PERMISSIONS),
                    e);
        }
    }

    private void take(Message received) {
        meters.received.increment();
        int receiveCount = intAttribute(received, MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, 1);
        if (receiveCount <= 1) {
            long sent = longAttribute(received, MessageSystemAttributeName.SENT_TIMESTAMP, -1);
            if (sent > 0) {
                meters.lag.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - sent)));
            }
        }
        HeldMessage message = new HeldMessage(received.messageId(), received.receiptHandle(), receiveCount);
        held.add(message);
        if (stopping) {
            giveBack(message);
            return;
        }
        if (settings.maxReceiveCount() > 0 && receiveCount > settings.maxReceiveCount()) {
            deadLetterMessage(message, received.body());
            return;
        }
        Notification notification = Notification.parse(received.body());
        if (notification instanceof Unrecognised unrecognised) {
            leave(message, unrecognised);
        } else if (notification instanceof TestEvent test) {
            LOG.info("message {}: S3's test event for bucket {}; deleted", message.messageId, test.bucket());
            finishWithoutObjects(message);
        } else if (notification instanceof ObjectsNamed named) {
            handOver(message, named);
        }
    }

    private void deadLetterMessage(HeldMessage message, String body) {
        String reason = "received " + message.receiveCount + " times, more than the limit of "
                + settings.maxReceiveCount() + " (--max-receive-count), without being done; deleted from the queue";
        LOG.warn("message {}: {}", message.messageId, reason);
        deadLetter.accept(new Rejection(RecordPosition.wholeInput(messageLocation(message)), reason, body));
        meters.deadLettered.increment();
        finishWithoutObjects(message);
    }

    /** Not a notification: left for the queue's redrive policy, logged once per message id. */
    private void leave(HeldMessage message, Unrecognised unrecognised) {
        meters.unrecognised.increment();
        boolean first;
        synchronized (unrecognisedLogged) {
            first = unrecognisedLogged.add(message.messageId);
        }
        if (first) {
            LOG.warn(
                    "message {}: not a notification this indexer reads ({}); left on the queue for its redrive policy",
                    message.messageId,
                    unrecognised.reason());
        }
        if (message.settleNow()) {
            held.remove(message);
            returnPermit(message);
        }
    }

    private void finishWithoutObjects(HeldMessage message) {
        returnPermit(message);
        settle(message, message.settleIfIdle());
    }

    private void handOver(HeldMessage message, ObjectsNamed named) {
        if (named.otherEvents() > 0) {
            LOG.debug("message {}: {} events about objects not created", message.messageId, named.otherEvents());
        }
        List<Input> inputs = new ArrayList<>();
        for (NamedObject object : named.objects()) {
            Optional<PassOver> passOver = TrailObjects.passOver(object.key());
            if (passOver.isPresent()) {
                passedOver(object.location(), passOver.get());
                continue;
            }
            Optional<S3ObjectInput> input = input(object, message);
            if (input.isEmpty()) {
                continue;
            }
            if (alreadyDone.test(input.get())) {
                passedOver(object.location(), PassOver.ALREADY_DONE);
                continue;
            }
            inputs.add(input.get());
        }
        message.waiting(inputs.size());
        for (Input input : inputs) {
            waiting.add(new Waiting(message, input));
        }
        if (inputs.isEmpty()) {
            finishWithoutObjects(message);
        }
    }

    private void passedOver(String location, PassOver reason) {
        meters.passedOver(reason);
        listing.passedOver(location, reason);
    }

    /** The object as an input; empty when it is gone (dead-lettered) or cannot be looked up now (message not done). */
    private Optional<S3ObjectInput> input(NamedObject object, HeldMessage message) {
        if (object.complete()) {
            return Optional.of(S3ObjectInput.of(
                    s3, object.bucket(), object.key(), quoted(object.eTag().get()), object.size()));
        }
        try {
            HeadObjectResponse head =
                    s3.headObject(r -> r.bucket(object.bucket()).key(object.key()));
            return Optional.of(S3ObjectInput.of(s3, object.bucket(), object.key(), head.eTag(), head.contentLength()));
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                String reason = "the notification of message " + message.messageId
                        + " names an object that does not exist (any more)";
                LOG.warn("{}: {}", object.location(), reason);
                deadLetter.accept(new Rejection(RecordPosition.wholeInput(object.location()), reason, null));
                meters.objectsUnreadable.increment();
                return Optional.empty();
            }
            return lookUpFailed(object, message, e);
        } catch (SdkException e) {
            return lookUpFailed(object, message, e);
        }
    }

    private Optional<S3ObjectInput> lookUpFailed(NamedObject object, HeldMessage message, SdkException e) {
        LOG.warn(
                "{}: cannot look the object up ({}; the indexer needs s3:GetObject on the bucket); message {} stays on"
                        + " the queue and is read again",
                object.location(),
                e.getMessage(),
                message.messageId);
        message.failed();
        return Optional.empty();
    }

    /** S3 lists ETags quoted and sends them quoted in {@code If-Match}; notifications carry them bare. */
    private static String quoted(String eTag) {
        return "\"" + eTag + "\"";
    }

    private String messageLocation(HeldMessage message) {
        return settings.queueUrl() + " message " + message.messageId;
    }

    private static long longAttribute(Message message, MessageSystemAttributeName name, long absent) {
        String value = message.attributes().get(name);
        try {
            return value == null ? absent : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return absent;
        }
    }

    private static int intAttribute(Message message, MessageSystemAttributeName name, int absent) {
        long value = longAttribute(message, name, absent);
        return (int) Math.min(Integer.MAX_VALUE, value);
    }

    // ---- handing over (the run's reader threads)

    /** An object of a held message that waits for a reader. */
    private record Waiting(HeldMessage message, Input input) {}

    private final class HandOver implements Iterator<Input> {
        private Input next;

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (stopping) {
                    return false;
                }
                Waiting item;
                try {
                    item = waiting.poll(HAND_OVER_POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                if (item != null) {
                    inWork.put(item.input(), item.message());
                    if (item.message().handedOver()) {
                        returnPermit(item.message());
                    }
                    meters.objectsHandedOver.increment();
                    next = item.input();
                } else if (receiverDone && waiting.isEmpty()) {
                    if (failure != null) {
                        throw failure;
                    }
                    return false;
                }
            }
            return true;
        }

        @Override
        public Input next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Input input = next;
            next = null;
            return input;
        }
    }

    // ---- settling

    private void returnPermit(HeldMessage message) {
        if (message.returnPermit()) {
            prefetch.release();
        }
    }

    /** Objects that wait for a reader will not be read: the run is stopping. */
    private void dropWaiting() {
        for (Waiting item = waiting.poll(); item != null; item = waiting.poll()) {
            Settlement settlement = item.message().dropped();
            returnPermit(item.message());
            settle(item.message(), settlement);
        }
    }

    private void settle(HeldMessage message, Settlement settlement) {
        if (settlement == null) {
            return;
        }
        held.remove(message);
        returnPermit(message);
        if (settlement == Settlement.DELETE) {
            onWriter(() -> delete(message));
        } else if (stopping) {
            giveBackLater(message);
        } else {
            meters.notCompleted.increment();
            LOG.warn(
                    "message {}: not every object it names was done; it stays on the queue and reappears within {}",
                    message.messageId,
                    visibility);
        }
    }

    /** Gives a message back (visibility 0), whatever waits or is in work. */
    private void giveBack(HeldMessage message) {
        if (message.settleNow()) {
            held.remove(message);
            returnPermit(message);
            giveBackLater(message);
        }
    }

    /**
     * Gives a message back once the receiver is done: a message made visible while this worker's own last long poll
     * is still open would be received again by it (and its receive count raised toward the redrive limit).
     */
    private void giveBackLater(HeldMessage message) {
        synchronized (releaseAfterReceiver) {
            if (!receiverDone && receiver != null) {
                releaseAfterReceiver.add(message);
                return;
            }
        }
        onWriter(() -> release(message));
    }

    private void onWriter(Runnable call) {
        try {
            writer.execute(call);
        } catch (RejectedExecutionException e) {
            LOG.debug("SQS writer closed; the message reappears after its visibility timeout");
        }
    }

    private void delete(HeldMessage message) {
        try {
            sqs.deleteMessage(r -> r.queueUrl(settings.queueUrl()).receiptHandle(message.receiptHandle));
            meters.deleted.increment();
        } catch (ReceiptHandleIsInvalidException e) {
            meters.deleteFailed.increment();
            LOG.warn(
                    "message {}: done, but SQS no longer takes its receipt handle; it may be read once more (harmless)",
                    message.messageId);
        } catch (SdkException e) {
            meters.deleteFailed.increment();
            LOG.warn(
                    "message {}: done, but cannot be deleted ({}); it will be read once more (harmless)",
                    message.messageId,
                    SqsErrors.describe(e, "the indexer needs sqs:DeleteMessage on the queue"));
        }
    }

    private void release(HeldMessage message) {
        try {
            sqs.changeMessageVisibility(r -> r.queueUrl(settings.queueUrl())
                    .receiptHandle(message.receiptHandle)
                    .visibilityTimeout(0));
            meters.released.increment();
        } catch (SdkException e) {
            LOG.debug(
                    "message {}: cannot give it back at once ({}); it reappears after its visibility timeout",
                    message.messageId,
                    e.getMessage());
        }
    }

    /** The heartbeat, on the writer thread: renews every held message that is still extendable. */
    private void renewVisibility() {
        List<HeldMessage> due = held.stream()
                .filter(HeldMessage::extendable)
                .filter(m -> !m.settled())
                .toList();
        for (int from = 0; from < due.size(); from += QueueSettings.MAX_PER_RECEIVE) {
            List<HeldMessage> batch = due.subList(from, Math.min(due.size(), from + QueueSettings.MAX_PER_RECEIVE));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .receiptHandle(batch.get(i).receiptHandle)
                        .visibilityTimeout((int) visibility.toSeconds())
                        .build());
            }
            try {
                ChangeMessageVisibilityBatchResponse response = sqs.changeMessageVisibilityBatch(
                        r -> r.queueUrl(settings.queueUrl()).entries(entries));
                meters.extensions.increment(response.successful().size());
                for (BatchResultErrorEntry failed : response.failed()) {
                    HeldMessage message = batch.get(Integer.parseInt(failed.id()));
                    if (HANDLE_GONE.contains(failed.code())) {
                        message.notExtendable();
                        LOG.warn(
                                "message {}: SQS no longer takes its receipt handle ({}); no longer extending it",
                                message.messageId,
                                failed.code());
                    } else {
                        LOG.warn(
                                "message {}: cannot extend its visibility: {} {}",
                                message.messageId,
                                failed.code(),
                                failed.message());
                    }
                }
            } catch (SdkException e) {
                LOG.warn("cannot extend the visibility of {} messages: {}", batch.size(), e.getMessage());
            }
        }
    }

    // ---- queue attributes

    private Duration queueVisibilityTimeout() {
        try {
            String value = sqs.getQueueAttributes(
                            r -> r.queueUrl(settings.queueUrl()).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                    .attributes()
                    .get(QueueAttributeName.VISIBILITY_TIMEOUT);
            return Duration.ofSeconds(Math.max(1, Long.parseLong(value)));
        } catch (SdkException e) {
            throw new SourceException(
                    "cannot read the visibility timeout of " + settings.queueUrl() + ": "
                            + SqsErrors.describe(e, RECEIVE_PERMISSIONS),
                    e);
        } catch (NumberFormatException | NullPointerException e) {
            throw new SourceException(settings.queueUrl() + " did not say its VisibilityTimeout", e);
        }
    }

    /** Polls the queue's depth for the gauges; failures only leave the last figures. */
    private void pollQueue() {
        try {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(settings.queueUrl())
                            .attributeNames(
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            update(meters.visibleMessages, attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            update(
                    meters.inFlightMessages,
                    attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        } catch (SdkException | NumberFormatException e) {
            LOG.debug("cannot read the queue's attributes: {}", e.getMessage());
        }
    }

    private static void update(AtomicLong gauge, String value) {
        if (value != null) {
            gauge.set(Long.parseLong(value));
        }
    }
}
