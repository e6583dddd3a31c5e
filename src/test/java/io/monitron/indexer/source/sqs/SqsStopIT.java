package io.monitron.indexer.source.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.testing.CliRunner;
import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.testing.IndexedDocuments;
import io.monitron.indexer.testing.LocalS3;
import io.monitron.indexer.testing.LocalSqs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A continuous-mode worker (the packaged jar, run until stopped) gets SIGTERM mid-run: it exits 130 with its summary,
 * every message it held is either deleted (its files done) or visible again at once (given back with visibility 0,
 * long before the queue's own visibility timeout), and a second run with {@code --idle-exit} indexes the rest: exactly
 * the expected documents, none twice, the queue empty.
 */
class SqsStopIT {
    private static final ElasticsearchFixture ES = ElasticsearchFixture.shared();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "stop-trail";
    private static final String TRAIL = "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/03/";
    private static final String PREFIX = "it-sqs-stop";
    /** Files of 150 events: a stop lands in the middle of one, which is then cut short and must be given back. */
    private static final int OBJECTS = 60;

    private static final int EVENTS_PER_OBJECT = 150; // 9,000 ids: under the 10,000 one search returns
    /** Far longer than the test: a held message that was not given back stays invisible while the test looks. */
    private static final int VISIBILITY_SECONDS = 300;

    private static LocalSqs elasticMq;
    private static LocalS3 s3proxy;
    private static SqsClient sqs;

    @TempDir
    static Path temp;

    @BeforeAll
    static void start() throws Exception {
        elasticMq = new LocalSqs();
        s3proxy = new LocalS3();
        s3proxy.createBucket(BUCKET);
        sqs = elasticMq.client();
        ES.deleteIndices(PREFIX + "-*");
        assertThat(CliRunner.inProcess(Map.of("ES_URL", ES.url()), "setup", "--index-prefix", PREFIX)
                        .exitCode())
                .isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        sqs.close();
        s3proxy.close();
        elasticMq.close();
    }

    @Test
    void sigtermMidRunExits130GivesBackWhatItHeldAndASecondRunEndsWithExactlyTheExpectedDocuments() throws Exception {
        String queue = sqs.createQueue(r -> r.queueName("stop")
                        .attributes(
                                Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(VISIBILITY_SECONDS))))
                .queueUrl();
        Set<String> expected = notifyObjects(queue);

        // small bulks: the documents of the file the stop cuts short are mostly acknowledged already, so the run
        // settles that file at once; its message must be given back then, not left hidden for the visibility timeout
        List<String> first = new ArrayList<>(indexArgs(queue, "stopped"));
        first.addAll(List.of("--bulk-actions", "10"));
        Process worker = CliRunner.start(environment(), temp.resolve("stopped.log"), first);
        try {
            // working: the documents of two files are acknowledged by Elasticsearch, so the first file is done (one
            // reader reads the files in turn); the worker runs until stopped
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (IndexedDocuments.count(ES, PREFIX + "-2*") < 2 * EVENTS_PER_OBJECT && System.nanoTime() < deadline) {
                assertThat(worker.isAlive())
                        .as("the worker runs; log:\n%s", log("stopped"))
                        .isTrue();
                TimeUnit.MILLISECONDS.sleep(50); // polling Elasticsearch's count, not synchronising on time
            }
            assertThat(IndexedDocuments.count(ES, PREFIX + "-2*"))
                    .as("documents indexed before the stop; log:\n%s", log("stopped"))
                    .isGreaterThanOrEqualTo(2 * EVENTS_PER_OBJECT);

            worker.destroy(); // SIGTERM, as Kubernetes or systemd stop a worker

            assertThat(worker.waitFor(30, TimeUnit.SECONDS))
                    .as("the worker ended after SIGTERM; log:\n%s", log("stopped"))
                    .isTrue();
        } finally {
            worker.destroyForcibly();
        }
        assertThat(worker.exitValue()).as(log("stopped")).isEqualTo(130);
        assertThat(log("stopped")).contains("SIGTERM received").contains("files: ");

        Map<QueueAttributeName, String> left = queueDepth(queue);
        int visible = Integer.parseInt(left.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        assertThat(left.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .as("nothing held any more: every message was deleted or given back at once; log:\n%s", log("stopped"))
                .isEqualTo("0");
        assertThat(visible).as("the stop came mid-run: messages are left").isPositive();
        assertThat(visible)
                .as("files done before the stop had their messages deleted")
                .isLessThan(OBJECTS);
        long readBeforeStop = summary("stopped").path("files").path("read").asLong();
        assertThat(readBeforeStop).isPositive();

        // the rest in this JVM (one JVM start less): the SDK's default chain reads the keys from system properties
        List<String> again = new ArrayList<>(indexArgs(queue, "again"));
        again.addAll(List.of("--aws-region", "eu-west-1", "--idle-exit", "PT1S"));
        CliRunner.Result second;
        System.setProperty("aws.accessKeyId", LocalS3.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LocalS3.SECRET_KEY);
        try {
            second = CliRunner.inProcess(Map.of("ES_URL", ES.url()), again.toArray(String[]::new));
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        System.out.println("[sqs-stop] stopped run:\n" + log("stopped") + "\n[sqs-stop] second run:\n" + second.out()
                + second.err());

        assertThat(second.exitCode()).as(second.err()).isZero();
        long readAfter = summary("again").path("files").path("read").asLong();
        assertThat(readAfter)
                .as("the second run reads what was given back, not what the first finished")
                .isEqualTo(visible);
        assertThat(readBeforeStop + readAfter).as("no file lost").isGreaterThanOrEqualTo(OBJECTS);
        assertThat(IndexedDocuments.ids(ES, PREFIX + "-2*")).isEqualTo(expected);
        assertThat(IndexedDocuments.count(ES, PREFIX + "-2*"))
                .as("no duplicates")
                .isEqualTo(expected.size());
        assertThat(queueDepth(queue).values()).as("the queue ends empty").containsOnly("0");
    }

    /** Puts the objects in the bucket and one S3 notification each on the queue; returns the event ids. */
    private static Set<String> notifyObjects(String queue) {
        Set<String> ids = new TreeSet<>();
        List<QueuedTrail.Stored> objects = new ArrayList<>();
        for (int i = 0; i < OBJECTS; i++) {
            String key = TRAIL
                    + "111122223333_CloudTrail_eu-west-1_20261003T%02d%02dZ_s%d.json.gz"
                            .formatted(i / 12 % 24, i % 12 * 5, i);
            List<String> inObject = new ArrayList<>();
            for (int e = 0; e < EVENTS_PER_OBJECT; e++) {
                inObject.add("stop-" + i + "-" + e);
            }
            ids.addAll(inObject);
            objects.add(QueuedTrail.put(s3proxy, BUCKET, key, inObject, "2026-10-03T10:00:00Z"));
        }
        QueuedTrail.notify(sqs, queue, BUCKET, objects);
        return ids;
    }

    private static Map<String, String> environment() {
        return Map.of(
                "ES_URL",
                ES.url(),
                "AWS_ACCESS_KEY_ID",
                LocalS3.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY",
                LocalS3.SECRET_KEY,
                "AWS_REGION",
                "eu-west-1");
    }

    /** One reader: the run is under way long before it could be done. */
    private static List<String> indexArgs(String queue, String run) {
        return List.of(
                "index",
                "--sqs-queue-url",
                queue,
                "--sqs-endpoint",
                elasticMq.endpoint().toString(),
                "--s3-endpoint",
                s3proxy.endpoint().toString(),
                "--s3-path-style",
                "--index-prefix",
                PREFIX,
                "--state-index",
                PREFIX + "-state",
                "--dead-letter",
                temp.resolve("dl-" + run).toString(),
                "--summary-json",
                temp.resolve("summary-" + run + ".json").toString(),
                "--concurrency",
                "1");
    }

    private static Map<QueueAttributeName, String> queueDepth(String queue) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queue)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
    }

    private static JsonNode summary(String run) throws IOException {
        return JSON.readTree(Files.readString(temp.resolve("summary-" + run + ".json")));
    }

    private static String log(String run) {
        try {
            return Files.readString(temp.resolve(run + ".log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
