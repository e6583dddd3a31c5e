package io.monitron.indexer.source.sqs;

import static io.monitron.indexer.source.sqs.NotificationTest.s3Notification;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.monitron.indexer.testing.CliRunner;
import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.testing.LocalS3;
import io.monitron.indexer.testing.LocalSqs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The continuous mode end to end, in this JVM: ElasticMQ (the SQS protocol), S3Proxy (the trail bucket) and the real
 * Elasticsearch. Runs end with {@code --idle-exit}.
 */
class SqsIndexIT {
    private static final ElasticsearchFixture ES = ElasticsearchFixture.shared();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "org-trail";
    /** Each test's objects under their own prefix, {@code trail-TAG/}. */
    private static final String TRAIL = "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/";

    private static final AtomicInteger QUEUES = new AtomicInteger();
    /** Each object's ETag (unquoted, as notifications carry it) and size. */
    private static final Map<String, Map.Entry<String, Long>> OBJECTS = new java.util.concurrent.ConcurrentHashMap<>();

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
        // the SDK's default chain reads these system properties (in-process runs)
        System.setProperty("aws.accessKeyId", LocalS3.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LocalS3.SECRET_KEY);
        for (String prefix : List.of("it-sqs-a", "it-sqs-b", "it-sqs-c")) {
            assertThat(CliRunner.inProcess(Map.of("ES_URL", ES.url()), "setup", "--index-prefix", prefix)
                            .exitCode())
                    .isZero();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        sqs.close();
        s3proxy.close();
        elasticMq.close();
    }

    private static String queue(int visibilitySeconds) {
        return sqs.createQueue(r -> r.queueName("index-" + QUEUES.incrementAndGet())
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds))))
                .queueUrl();
    }

    /** Messages on the queue, visible or in flight. */
    private static int messagesOn(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Puts {@code count} trail objects of three Monitron events each; returns their keys, adding the ids to {@code ids}. */
    private static List<String> putObjects(String tag, int first, int count, Set<String> ids) throws IOException {
        List<String> keys = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            String stamp = "20261001T%02d%02dZ".formatted(i / 12, i % 12 * 5);
            String key = "trail-" + tag + "/" + TRAIL + "111122223333_CloudTrail_eu-west-1_" + stamp + "_" + tag + i
                    + ".json.gz";
            List<String> inObject = new ArrayList<>();
            for (int e = 0; e < 3; e++) {
                inObject.add(tag + "-" + i + "-" + e);
            }
            ids.addAll(inObject);
            QueuedTrail.Stored stored = QueuedTrail.put(s3proxy, BUCKET, key, inObject, "2026-10-01T10:00:00Z");
            OBJECTS.put(key, Map.entry(stored.eTag(), stored.size()));
            keys.add(key);
        }
        return keys;
    }

    private static void notify(String queueUrl, List<String> keys) {
        for (String key : keys) {
            Map.Entry<String, Long> object = OBJECTS.get(key);
            sqs.sendMessage(r -> r.queueUrl(queueUrl)
                    .messageBody(s3Notification(BUCKET, key, "ObjectCreated:Put", object.getValue(), object.getKey())));
        }
    }

    private static List<String> awsArgs(String queueUrl) {
        return List.of(
                "--sqs-queue-url",
                queueUrl,
                "--sqs-endpoint",
                elasticMq.endpoint().toString(),
                "--s3-endpoint",
                s3proxy.endpoint().toString(),
                "--s3-path-style",
                "--aws-region",
                "eu-west-1");
    }

    private static CliRunner.Result index(String esUrl, String prefix, List<String> more) {
        List<String> args = new ArrayList<>(List.of(
                "index",
                "--index-prefix",
                prefix,
                "--state-index",
                prefix + "-state",
                "--dead-letter",
                temp.resolve("dl-" + prefix).toString(),
                "--summary-json",
                temp.resolve("summary-" + prefix + ".json").toString(),
                "--quiet"));
        args.addAll(more);
        return CliRunner.inProcess(Map.of("ES_URL", esUrl), args.toArray(String[]::new));
    }

    private static JsonNode summary(String prefix) throws IOException {
        return JSON.readTree(Files.readString(temp.resolve("summary-" + prefix + ".json")));
    }

    private static Set<String> ids(String prefix) {
        ES.refresh(prefix + "-2*");
        JsonNode hits = ES.request(
                        "POST",
                        "/" + prefix + "-2*/_search",
                        "{\"size\":10000,\"_source\":false,\"track_total_hits\":true}")
                .json()
                .path("hits");
        Set<String> ids = new TreeSet<>();
        hits.path("hits").forEach(h -> ids.add(h.path("_id").asText()));
        assertThat(hits.path("total").path("value").asInt()).as("no duplicates").isEqualTo(ids.size());
        return ids;
    }

    @Test
    void notifiedObjectsAreIndexedTheQueueEmptiesAndIdleExitEndsTheRunWithTheSummary() throws IOException {
        String queue = queue(30);
        Set<String> expected = new TreeSet<>();
        notify(queue, putObjects("a", 0, 12, expected));

        List<String> args = new ArrayList<>(awsArgs(queue));
        args.addAll(List.of("--idle-exit", "PT2S"));
        CliRunner.Result run = index(ES.url(), "it-sqs-a", args);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("files: 12 read");
        assertThat(ids("it-sqs-a")).isEqualTo(expected);
        assertThat(messagesOn(queue)).as("every message deleted").isZero();
    }

    @Test
    void aBatchBackFillAndTheQueueTogetherIndexEachEventOnce() throws IOException {
        String queue = queue(30);
        Set<String> expected = new TreeSet<>();
        List<String> backFilled = putObjects("b", 20, 6, expected);
        CliResultCheck.exitZero(index(
                ES.url(),
                "it-sqs-b",
                List.of(
                        "--s3",
                        "s3://" + BUCKET + "/trail-b",
                        "--s3-endpoint",
                        s3proxy.endpoint().toString(),
                        "--s3-path-style",
                        "--aws-region",
                        "eu-west-1")));
        List<String> live = putObjects("b", 40, 6, expected);
        List<String> both = new ArrayList<>(backFilled); // duplicate notifications for what the back-fill read
        both.addAll(live);
        notify(queue, both);

        List<String> args = new ArrayList<>(awsArgs(queue));
        args.addAll(List.of("--s3", "s3://" + BUCKET + "/trail-b", "--idle-exit", "PT2S"));
        CliRunner.Result run = index(ES.url(), "it-sqs-b", args);

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode figures = summary("it-sqs-b");
        assertThat(figures.path("files").path("skipped_unchanged").asInt())
                .as("objects the back-fill read are done for the queue too")
                .isEqualTo(6);
        assertThat(figures.path("files").path("read").asInt()).isEqualTo(6);
        assertThat(ids("it-sqs-b")).isEqualTo(expected);
        assertThat(messagesOn(queue)).isZero();
    }

    @Test
    void aBulkElasticsearchRefusesForGoodLeavesItsMessageOnTheQueue() throws Exception {
        String queue = queue(2);
        Set<String> expected = new TreeSet<>();
        notify(queue, putObjects("c", 60, 1, expected));
        HttpServer refusing = refusingBulks();
        try {
            List<String> args = new ArrayList<>(awsArgs(queue));
            args.addAll(List.of("--idle-exit", "PT2S"));
            CliRunner.Result run =
                    index("http://127.0.0.1:" + refusing.getAddress().getPort(), "it-sqs-c", args);

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("401");
        } finally {
            refusing.stop(0);
        }
        assertThat(messagesOn(queue)).as("the message was not deleted").isEqualTo(1);
    }

    /** Elasticsearch, except that every bulk request is refused for good (401), as with revoked credentials. */
    private static HttpServer refusingBulks() throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] answer;
            int status;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Elastic-Product", "Elasticsearch");
            if (exchange.getRequestURI().getPath().endsWith("/_bulk")) {
                status = 401;
                answer = "{\"error\":{\"type\":\"security_exception\",\"reason\":\"revoked\"},\"status\":401}"
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                try {
                    HttpResponse<byte[]> real = client.send(
                            HttpRequest.newBuilder(URI.create(ES.url() + exchange.getRequestURI()))
                                    .method(
                                            exchange.getRequestMethod(),
                                            body.length == 0
                                                    ? HttpRequest.BodyPublishers.noBody()
                                                    : HttpRequest.BodyPublishers.ofByteArray(body))
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    status = real.statusCode();
                    answer = real.body();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            boolean noBody = answer.length == 0 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, noBody ? -1 : answer.length);
            if (!noBody) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    private static final class CliResultCheck {
        static void exitZero(CliRunner.Result result) {
            assertThat(result.exitCode()).as(result.err()).isZero();
        }
    }
}
