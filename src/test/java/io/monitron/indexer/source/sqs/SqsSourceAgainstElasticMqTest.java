package io.monitron.indexer.source.sqs;

import static io.monitron.indexer.source.sqs.NotificationTest.cloudTrailMessage;
import static io.monitron.indexer.source.sqs.NotificationTest.eventBridgeObjectCreated;
import static io.monitron.indexer.source.sqs.NotificationTest.s3Notification;
import static io.monitron.indexer.source.sqs.NotificationTest.snsEnvelope;
import static io.monitron.indexer.source.sqs.NotificationTest.testEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.monitron.indexer.model.Input;
import io.monitron.indexer.model.Rejection;
import io.monitron.indexer.port.PassOver;
import io.monitron.indexer.source.SourceException;
import io.monitron.indexer.source.aws.AwsClients;
import io.monitron.indexer.source.aws.AwsSettings;
import io.monitron.indexer.testing.LocalS3;
import io.monitron.indexer.testing.LocalSqs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The SQS source against ElasticMQ (SQS) and S3Proxy (S3), both real servers in this JVM, through the real SDK
 * clients. The test plays the run: it takes inputs from the listing on a reader thread and acknowledges them itself,
 * so it decides when an object is done. Waits are on conditions with deadlines, never sleeps.
 */
class SqsSourceAgainstElasticMqTest {
    private static final long SEED = 20261019L;
    private static final String BUCKET = "trail-bucket";
    private static final String PREFIX = "trail/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/";
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static LocalSqs elasticMq;
    private static LocalS3 s3proxy;
    private static AwsClients clients;
    private static SqsClient sqs;
    private static S3Client s3;
    private static final Random RANDOM = new Random(SEED);
    private static final AtomicInteger QUEUES = new AtomicInteger();

    private final List<AutoCloseable> closeAfterTest = new ArrayList<>();
    private final List<Rejection> deadLetters = new CopyOnWriteArrayList<>();
    private final List<String> passedOver = new CopyOnWriteArrayList<>();
    private final MeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void startServers() throws Exception {
        System.out.println("SqsSourceAgainstElasticMqTest: object content seed " + SEED);
        elasticMq = new LocalSqs();
        s3proxy = new LocalS3();
        s3proxy.createBucket(BUCKET);
        clients = AwsClients.create(
                new AwsSettings(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(s3proxy.endpoint()),
                                true,
                                Optional.of("us-east-1"),
                                Optional.empty())
                        .withSqsEndpoint(Optional.of(elasticMq.endpoint())),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)),
                List.of());
        sqs = clients.sqs(elasticMq.endpoint() + "/000000000000/any");
        s3 = clients.s3();
    }

    @AfterAll
    static void stopServers() throws Exception {
        clients.close();
        s3proxy.close();
        elasticMq.close();
    }

    @AfterEach
    void closeSources() throws Exception {
        for (int i = closeAfterTest.size() - 1; i >= 0; i--) {
            closeAfterTest.get(i).close();
        }
    }

    // ---- fixtures

    /** A fresh queue with this visibility timeout. */
    private static String queue(int visibilitySeconds) {
        String name = "trail-" + QUEUES.incrementAndGet();
        return sqs.createQueue(r -> r.queueName(name)
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds))))
                .queueUrl();
    }

    private static void send(String queueUrl, String body) {
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
    }

    /** A log file key in the trail layout, at minute {@code minute} of the day. */
    private static String logKey(int minute) {
        String stamp = "20261001T%02d%02dZ".formatted(minute / 60, minute % 60);
        return PREFIX + "111122223333_CloudTrail_eu-west-1_" + stamp + "_" + Integer.toHexString(minute)
                + "abc.json.gz";
    }

    /** Puts an object with seeded content; returns its ETag without quotes, as S3 notifications carry it. */
    private static String put(String key, int length) {
        byte[] content = new byte[length];
        RANDOM.nextBytes(content);
        s3proxy.put(BUCKET, key, content);
        return s3.headObject(r -> r.bucket(BUCKET).key(key)).eTag().replace("\"", "");
    }

    private static String s3Created(String key, String eTag, long size) {
        return s3Notification(BUCKET, key, "ObjectCreated:Put", size, eTag);
    }

    private SqsSource source(QueueSettings settings) {
        SqsSource source = new SqsSource(sqs, s3, settings, deadLetters::add, meters);
        closeAfterTest.add(source);
        return source;
    }

    private static QueueSettings settings(String queueUrl) {
        return QueueSettings.of(queueUrl).withWaitTime(Duration.ofSeconds(1));
    }

    /** Takes inputs from a listing when the test asks, as a free reader of the run does. */
    private final class Reader implements AutoCloseable {
        private final SqsSource source;
        private final Stream<Input> inputs;
        private final Iterator<Input> listing;
        private final ExecutorService thread = Executors.newSingleThreadExecutor();

        Reader(SqsSource source) {
            this.source = source;
            this.inputs = source.inputs((location, reason) -> passedOver.add(reason + " " + location));
            this.listing = inputs.iterator();
            closeAfterTest.add(this);
        }

        private boolean hasNext() throws Exception {
            return thread.submit(listing::hasNext).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        }

        Input next() throws Exception {
            assertThat(hasNext()).as("an input handed over within " + DEADLINE).isTrue();
            return listing.next();
        }

        List<Input> next(int count) throws Exception {
            List<Input> inputs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                inputs.add(next());
            }
            return inputs;
        }

        /** Asserts that the listing ends, with nothing more handed over, within the deadline. */
        void awaitEnd() throws Exception {
            assertThat(hasNext())
                    .as("the listing ends with nothing more handed over")
                    .isFalse();
        }

        @Override
        public void close() {
            source.stop();
            inputs.close();
            thread.shutdownNow();
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
            Thread.onSpinWait();
            try {
                Thread.sleep(20); // a polling interval, not a synchronisation: the condition decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Messages on the queue, visible or in flight. */
    private static long messagesOn(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private double count(String name, String... tags) {
        var search = meters.find(name);
        if (tags.length > 0) {
            search = search.tags(tags);
        }
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static String locationOf(String key) {
        return "s3://" + BUCKET + "/" + key;
    }

    // ---- tests

    @Test
    void handsOverTheObjectEachMessageFormatNamesWithTheStateKeyAndVersionOfAListing() throws Exception {
        String queue = queue(30);
        String direct = logKey(1);
        String throughSns = logKey(2);
        String eventBridge = logKey(3);
        String cloudTrail = logKey(4);
        String directTag = put(direct, 100);
        String snsTag = put(throughSns, 200);
        String eventBridgeTag = put(eventBridge, 300);
        String cloudTrailTag = put(cloudTrail, 400);
        send(queue, s3Created(direct, directTag, 100));
        send(queue, snsEnvelope(s3Created(throughSns, snsTag, 200)));
        send(queue, eventBridgeObjectCreated(BUCKET, eventBridge, 300, eventBridgeTag));
        send(queue, snsEnvelope(cloudTrailMessage(BUCKET, cloudTrail)));
        send(queue, testEvent(BUCKET));
        SqsSource source = source(settings(queue).withIdleExit(Optional.of(Duration.ofSeconds(1))));
        Reader reader = new Reader(source);

        List<Input> inputs = reader.next(4);
        for (Input input : inputs) {
            source.acknowledge(input, true);
        }
        reader.awaitEnd();
        source.commit();

        assertThat(inputs)
                .extracting(Input::stateKey, Input::version, Input::size)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(locationOf(direct), directTag, 100L),
                        org.assertj.core.groups.Tuple.tuple(locationOf(throughSns), snsTag, 200L),
                        org.assertj.core.groups.Tuple.tuple(locationOf(eventBridge), eventBridgeTag, 300L),
                        org.assertj.core.groups.Tuple.tuple(locationOf(cloudTrail), cloudTrailTag, 400L));
        assertThat(inputs).allMatch(input -> input.location().equals(input.stateKey()));
        assertThat(messagesOn(queue)).isZero();
        assertThat(count("indexer.sqs.messages.received")).isEqualTo(5);
        assertThat(count("indexer.sqs.messages.deleted")).isEqualTo(5);
        assertThat(count("indexer.sqs.objects", "outcome", "read")).isEqualTo(4);
    }

    @Test
    void urlEncodedKeysAreDecodedToTheObjectS3Holds() throws Exception {
        String queue = queue(30);
        String key = "audit trail+2026/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/"
                + "111122223333_CloudTrail_eu-west-1_20261001T0005Z_a=b.json.gz";
        byte[] content = "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8);
        s3proxy.put(BUCKET, key, content);
        String eTag = s3.headObject(r -> r.bucket(BUCKET).key(key)).eTag().replace("\"", "");
        String encoded = key.replace("+", "%2B").replace(" ", "+").replace("=", "%3D");
        send(queue, s3Created(encoded, eTag, content.length));
        SqsSource source = source(settings(queue));
        Reader reader = new Reader(source);

        Input input = reader.next();
        byte[] read;
        try (InputStream in = input.open()) {
            read = in.readAllBytes();
        }
        source.acknowledge(input, true);
        source.commit();

        assertThat(input.location()).isEqualTo(locationOf(key));
        assertThat(read).isEqualTo(content);
        await("the message is deleted", () -> messagesOn(queue) == 0);
    }

    @Test
    void aMessageIsDeletedOnlyOnceEveryObjectItNamesIsAcknowledgedCompleted() throws Exception {
        String queue = queue(30);
        String[] keys = {logKey(10), logKey(11), logKey(12)};
        String records = String.join(
                ",",
                Stream.of(keys)
                        .map(key -> {
                            String one = s3Created(key, put(key, 50), 50);
                            return one.substring("{\"Records\":[".length(), one.length() - 2);
                        })
                        .toList());
        send(queue, "{\"Records\":[" + records + "]}");
        SqsSource source = source(settings(queue));
        Reader reader = new Reader(source);

        List<Input> inputs = reader.next(3);
        source.acknowledge(inputs.get(0), true);
        source.acknowledge(inputs.get(2), true);
        source.commit();
        assertThat(messagesOn(queue)).as("two of three done: the message stays").isEqualTo(1);
        assertThat(count("indexer.sqs.messages.deleted")).isZero();

        source.acknowledge(inputs.get(1), true);
        source.commit();

        assertThat(inputs)
                .extracting(Input::location)
                .containsExactly(locationOf(keys[0]), locationOf(keys[1]), locationOf(keys[2]));
        assertThat(messagesOn(queue)).isZero();
        assertThat(count("indexer.sqs.messages.deleted")).isEqualTo(1);
    }

    @Test
    void aMessageWithAnObjectNotCompletedIsNotDeletedAndIsHandedOverAgain() throws Exception {
        String queue = queue(2);
        String done = logKey(20);
        String failing = logKey(21);
        String one = s3Created(done, put(done, 10), 10);
        String two = s3Created(failing, put(failing, 10), 10);
        send(queue, one.substring(0, one.length() - 2) + "," + two.substring("{\"Records\":[".length()));
        SqsSource source = source(settings(queue));
        Reader reader = new Reader(source);

        List<Input> first = reader.next(2);
        source.acknowledge(first.get(0), true);
        source.acknowledge(first.get(1), false);
        source.commit();
        assertThat(count("indexer.sqs.messages.failed", "reason", "not_completed"))
                .isEqualTo(1);
        assertThat(messagesOn(queue)).isEqualTo(1);

        // no longer extended, the message reappears after its 2 s visibility timeout and is read again
        List<Input> again = reader.next(2);
        again.forEach(input -> source.acknowledge(input, true));
        source.commit();

        assertThat(again).extracting(Input::location).containsExactly(locationOf(done), locationOf(failing));
        assertThat(messagesOn(queue)).isZero();
        assertThat(count("indexer.sqs.messages.received")).isEqualTo(2);
    }

    @Test
    void testEventsDigestsAndKeysOutsideTheTrailAreDeletedWithoutHandingAnythingOver() throws Exception {
        String queue = queue(30);
        String digest = "trail/AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2026/10/01/"
                + "111122223333_CloudTrail-Digest_eu-west-1_trail_eu-west-1_20261001T000512Z.json.gz";
        send(queue, testEvent(BUCKET));
        send(queue, s3Created(digest, "d1", 10));
        send(queue, s3Created("exports/report.csv", "d2", 10));
        send(queue, s3Notification(BUCKET, logKey(30), "ObjectRemoved:Delete", 0, "d3"));
        SqsSource source = source(settings(queue).withIdleExit(Optional.of(Duration.ofSeconds(1))));
        Reader reader = new Reader(source);

        reader.awaitEnd();
        source.commit();

        assertThat(passedOver)
                .containsExactlyInAnyOrder(
                        PassOver.DIGEST + " " + locationOf(digest),
                        PassOver.NOT_A_TRAIL_OBJECT + " " + locationOf("exports/report.csv"));
        assertThat(count("indexer.sqs.objects", "outcome", "not_a_trail_object"))
                .isEqualTo(1);
        assertThat(count("indexer.sqs.objects", "outcome", "digest")).isEqualTo(1);
        assertThat(messagesOn(queue)).isZero();
        assertThat(count("indexer.sqs.messages.deleted")).isEqualTo(4);
    }

    @Test
    void aMessageThatIsNotJsonStaysOnTheQueueIsLoggedOnceAndCounted() {
        String queue = queue(1);
        send(queue, "this is not a notification");
        String messageId = sqs.sendMessage(r -> r.queueUrl(queue).messageBody("{\"hello\":\"world\"}"))
                .messageId();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
        try {
            SqsSource source = source(settings(queue));
            new Reader(source);

            // visibility 1 s, never extended: each message comes back and is received again
            await(
                    "both messages received twice",
                    () -> count("indexer.sqs.messages.failed", "reason", "unrecognised") >= 4);
            source.close();
        } finally {
            System.setErr(original);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log.lines().filter(line -> line.contains("message " + messageId + ":")))
                .hasSize(1);
        assertThat(messagesOn(queue)).isEqualTo(2);
        assertThat(count("indexer.sqs.messages.deleted")).isZero();
    }

    @Test
    void anObjectInWorkLongerThanTheVisibilityTimeoutIsNotHandedToASecondWorker() throws Exception {
        String queue = queue(2);
        String key = logKey(40);
        send(queue, s3Created(key, put(key, 10), 10));
        SqsSource first = source(settings(queue));
        Reader firstReader = new Reader(first);
        Input inWork = firstReader.next();

        // a second worker polls the same queue for three visibility timeouts while the first holds the object
        SqsSource second = source(settings(queue).withIdleExit(Optional.of(Duration.ofSeconds(6))));
        Reader secondReader = new Reader(second);
        secondReader.awaitEnd();
        first.acknowledge(inWork, true);
        first.commit();

        assertThat(count("indexer.sqs.visibility.extensions")).isGreaterThanOrEqualTo(3);
        assertThat(messagesOn(queue)).isZero();
    }

    @Test
    void idleExitEndsTheListingOnceTheQueueStayedEmpty() throws Exception {
        String queue = queue(30);
        SqsSource source = source(settings(queue).withIdleExit(Optional.of(Duration.ofSeconds(2))));
        long start = System.nanoTime();
        Reader reader = new Reader(source);

        reader.awaitEnd();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void maxMessagesEndsTheListingAfterThatManyMessages() throws Exception {
        String queue = queue(30);
        for (int i = 0; i < 3; i++) {
            String key = logKey(50 + i);
            send(queue, s3Created(key, put(key, 10), 10));
        }
        SqsSource source = source(settings(queue).withMaxMessages(OptionalLong.of(2)));
        Reader reader = new Reader(source);

        List<Input> inputs = reader.next(2);
        inputs.forEach(input -> source.acknowledge(input, true));
        reader.awaitEnd();
        source.commit();

        assertThat(count("indexer.sqs.messages.received")).isEqualTo(2);
        assertThat(messagesOn(queue)).isEqualTo(1);
    }

    @Test
    void stopEndsTheListingPromptlyAndGivesBackWhatIsNotDone() throws Exception {
        String queue = queue(60);
        for (int i = 0; i < 3; i++) {
            String key = logKey(60 + i);
            send(queue, s3Created(key, put(key, 10), 10));
        }
        SqsSource source = source(settings(queue).withWaitTime(Duration.ofSeconds(5)));
        Reader reader = new Reader(source);
        Input inWork = reader.next();
        await("all three received", () -> count("indexer.sqs.messages.received") == 3);

        long stop = System.nanoTime();
        source.stop();
        reader.awaitEnd();
        Duration stopping = Duration.ofNanos(System.nanoTime() - stop);
        source.acknowledge(inWork, false); // cut short by the stop
        source.commit();

        assertThat(stopping)
                .as("the listing ends without waiting for the 20 s long poll")
                .isLessThan(Duration.ofSeconds(2));
        // given back with visibility 0, well before the queue's 60 s: a plain receive gets all three now
        List<Message> back = new ArrayList<>();
        await("the three messages are visible again", () -> {
            back.addAll(sqs.receiveMessage(r -> r.queueUrl(queue)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages());
            System.out.println("DEBUG back=" + back.size() + " released=" + count("indexer.sqs.messages.released")
                    + " received=" + count("indexer.sqs.messages.received") + " on=" + messagesOn(queue));
            return back.size() == 3;
        });
        assertThat(count("indexer.sqs.messages.released")).isEqualTo(3);
        assertThat(count("indexer.sqs.messages.deleted")).isZero();
    }

    @Test
    void aMessageReceivedMoreThanTheLimitIsDeadLetteredAndDeleted() throws Exception {
        String queue = queue(30);
        String body = s3Created(logKey(70), "e", 10);
        send(queue, body);
        for (int i = 0; i < 2; i++) {
            List<Message> got = sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(1))
                    .messages();
            assertThat(got).hasSize(1);
            sqs.changeMessageVisibility(r ->
                    r.queueUrl(queue).receiptHandle(got.get(0).receiptHandle()).visibilityTimeout(0));
        }
        SqsSource source =
                source(settings(queue).withMaxReceiveCount(2).withIdleExit(Optional.of(Duration.ofSeconds(1))));
        Reader reader = new Reader(source);

        reader.awaitEnd();
        source.commit();

        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).reason()).contains("received 3 times", "--max-receive-count");
        assertThat(deadLetters.get(0).raw()).isEqualTo(body);
        assertThat(messagesOn(queue)).isZero();
    }

    @Test
    void anObjectThatNoLongerExistsIsDeadLetteredAndItsMessageDeleted() throws Exception {
        String queue = queue(30);
        String gone = logKey(80);
        send(queue, snsEnvelope(cloudTrailMessage(BUCKET, gone)));
        SqsSource source = source(settings(queue).withIdleExit(Optional.of(Duration.ofSeconds(1))));
        Reader reader = new Reader(source);

        reader.awaitEnd();
        source.commit();

        assertThat(deadLetters).extracting(r -> r.position().source()).containsExactly(locationOf(gone));
        assertThat(messagesOn(queue)).isZero();
    }

    @Test
    void aQueueThatDoesNotExistFailsTheListingWithAMessageToActOn() {
        SqsSource source = source(settings(elasticMq.endpoint() + "/000000000000/no-such-queue"));

        assertThatThrownBy(() -> source.inputs((location, reason) -> {}))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("no-such-queue")
                .hasMessageContaining("does not exist");
    }

    /** Copies what is written to two streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
