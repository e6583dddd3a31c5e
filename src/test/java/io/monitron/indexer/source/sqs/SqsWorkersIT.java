package io.monitron.indexer.source.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.testing.CliRunner;
import io.monitron.indexer.testing.ElasticsearchFixture;
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
 * Three worker processes (the packaged jar) share one queue; one is SIGKILLed mid-run. SQS is the coordinator: the
 * killed worker's messages reappear after their visibility timeout and the others take them. The document set ends
 * exactly as expected, and the queue empty.
 */
class SqsWorkersIT {
    private static final ElasticsearchFixture ES = ElasticsearchFixture.shared();
    private static final String BUCKET = "workers-trail";
    private static final String TRAIL = "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/02/";
    private static final String PREFIX = "it-sqs-workers";
    private static final int OBJECTS = 600;

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
    void threeWorkersOneKilledMidRunEndWithExactlyTheExpectedDocumentsAndAnEmptyQueue() throws Exception {
        String queue = sqs.createQueue(
                        r -> r.queueName("workers").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5")))
                .queueUrl();
        Set<String> expected = new TreeSet<>();
        List<QueuedTrail.Stored> objects = new ArrayList<>();
        for (int i = 0; i < OBJECTS; i++) {
            String key = TRAIL
                    + "111122223333_CloudTrail_eu-west-1_20261002T%02d%02dZ_w%d.json.gz"
                            .formatted(i / 12 % 24, i % 12 * 5, i);
            String id = "w-" + i;
            expected.add(id);
            objects.add(QueuedTrail.put(s3proxy, BUCKET, key, List.of(id), "2026-10-02T10:00:00Z"));
        }
        QueuedTrail.notify(sqs, queue, BUCKET, objects);

        List<Process> workers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            workers.add(CliRunner.start(
                    Map.of(
                            "ES_URL", ES.url(),
                            "AWS_ACCESS_KEY_ID", LocalS3.ACCESS_KEY,
                            "AWS_SECRET_ACCESS_KEY", LocalS3.SECRET_KEY),
                    temp.resolve("worker-" + w + ".log"),
                    List.of(
                            "index",
                            "--sqs-queue-url",
                            queue,
                            "--sqs-endpoint",
                            elasticMq.endpoint().toString(),
                            "--s3-endpoint",
                            s3proxy.endpoint().toString(),
                            "--s3-path-style",
                            "--aws-region",
                            "eu-west-1",
                            "--index-prefix",
                            PREFIX,
                            "--state-index",
                            PREFIX + "-state",
                            "--dead-letter",
                            temp.resolve("dl-" + w).toString(),
                            "--idle-exit",
                            "PT8S",
                            "--concurrency",
                            "1",
                            "--quiet")));
        }
        // kill one worker once the run is well under way: a tenth of the documents are in
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (documents() < OBJECTS / 10 && System.nanoTime() < deadline) {
            assertThat(workers.get(0).isAlive())
                    .as("worker 0 still running; log:\n%s", log(0))
                    .isTrue();
            TimeUnit.MILLISECONDS.sleep(100); // polling Elasticsearch's count, not synchronising on time
        }
        workers.get(0).destroyForcibly(); // SIGKILL: no handler, nothing given back
        for (int w = 1; w < 3; w++) {
            assertThat(workers.get(w).waitFor(4, TimeUnit.MINUTES))
                    .as("worker %d ended; log:\n%s", w, log(w))
                    .isTrue();
            assertThat(workers.get(w).exitValue()).as(log(w)).isZero();
        }

        ES.refresh(PREFIX + "-2*");
        var hits = ES.request(
                        "POST",
                        "/" + PREFIX + "-2*/_search",
                        "{\"size\":10000,\"_source\":false,\"track_total_hits\":true}")
                .json()
                .path("hits");
        Set<String> ids = new TreeSet<>();
        hits.path("hits").forEach(h -> ids.add(h.path("_id").asText()));
        assertThat(hits.path("total").path("value").asInt()).as("no duplicates").isEqualTo(ids.size());
        assertThat(ids).isEqualTo(expected);
        Map<QueueAttributeName, String> left = sqs.getQueueAttributes(r -> r.queueUrl(queue)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        assertThat(left.values()).as("the queue ends empty").containsOnly("0");
    }

    private static long documents() {
        ES.refresh(PREFIX + "-2*");
        var count = ES.request("GET", "/" + PREFIX + "-2*/_count", null);
        return count.isSuccessful() ? count.json().path("count").asLong() : 0;
    }

    private static String log(int worker) {
        try {
            return Files.readString(temp.resolve("worker-" + worker + ".log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
