package io.monitron.indexer.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.bench.S3Notifications.StoredObject;
import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.estate.EstateIndex;
import io.monitron.indexer.sink.ElasticsearchClients;
import io.monitron.indexer.sink.IndexNames;
import io.monitron.indexer.transform.EventFilter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The {@code sqs} part (issue 19): 1, 2, 4 ... worker processes ({@code java -jar}, as users run them) drain one queue
 * holding one S3 notification per object, against one batch {@code index --s3} process over the same objects. S3Proxy
 * and ElasticMQ run on this machine ({@link LocalServers}); each run indexes into fresh indices of prefix {@value
 * #PREFIX}, with a fresh state, and the documents are counted afterwards. The indexer runs as {@code index} runs by
 * default: Monitron events only.
 *
 * <p>A worker run is timed from the first worker's start until the queue holds no message, visible or in flight: a
 * message is deleted only once every document of its file is acknowledged, so that is when the work is done. The
 * workers' idle exit that follows is reported apart. Worker JVMs start cold in every round, as they do for users; one
 * untimed batch run first warms the servers.
 */
final class SqsWorkersPart {
    static final String PREFIX = "bench-sqs";
    private static final String STATE_INDEX = "bench-state-sqs";
    private static final String ESTATE_INDEX = "bench-estate-sqs";
    private static final String BUCKET = "bench-trail";
    private static final Duration IDLE_EXIT = Duration.ofSeconds(1);
    private static final Duration VISIBILITY = Duration.ofMinutes(2);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);
    /** The generator writes 20-200 events a file: about 110. */
    private static final long EVENTS_PER_FILE = 110;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Benchmark.Settings settings;
    private final int objects;
    private final List<Integer> workerCounts;
    private final PrintWriter out;
    private final Path logs;

    SqsWorkersPart(Benchmark.Settings settings, int objects, List<Integer> workerCounts, PrintWriter out) {
        this.settings = settings;
        this.objects = objects;
        this.workerCounts = List.copyOf(workerCounts);
        this.out = out;
        this.logs = settings.workDir().resolve("sqs-logs");
    }

    Optional<QueueComparison> run() {
        if (settings.elasticsearch().isEmpty()) {
            out.println("SQS workers: skipped (no --es-url: the part counts what each run indexed;"
                    + " bench/start-elasticsearch.sh starts a local node)");
            out.flush();
            return Optional.empty();
        }
        ElasticsearchSettings es = settings.elasticsearch().get();
        IndexerJar jar = IndexerJar.running();
        Corpus corpus = new Corpus(
                objects * EVENTS_PER_FILE * 11 / 10, settings.scanShares().get(0), settings.seed());
        CorpusFiles files = firstFiles(corpus.materialize(settings.workDir(), out), objects);
        long events = countEvents(files);
        long expected = new IndexerScan(files, settings.cores(), EventFilter.monitronOnly(), "expected").run();
        out.printf(
                "SQS workers: %d objects of %s (%d MB gzipped, %d events, %d Monitron documents)%n",
                files.files().size(), corpus.describe(), files.compressedBytes() >> 20, events, expected);
        out.flush();
        ElasticsearchClient client = ElasticsearchClients.create(es);
        RestClient rest = ElasticsearchClients.restClient(client);
        FreshIndices indices = new FreshIndices(client, rest, new IndexNames(PREFIX));
        try (LocalServers servers = LocalServers.start(true, 0, logs)) {
            indices.prepare();
            List<StoredObject> stored = upload(servers, files);
            Map<String, String> environment = new LinkedHashMap<>(IndexerJar.elasticsearchEnvironment(es));
            environment.put("AWS_ACCESS_KEY_ID", servers.s3Credentials().get(0));
            environment.put("AWS_SECRET_ACCESS_KEY", servers.s3Credentials().get(1));
            environment.put("AWS_REGION", "eu-west-1");
            Runs runs = new Runs(jar, environment, servers, indices, rest, client, es);
            try (SqsClient sqs = sqsClient(servers)) {
                out.println("  warm-up (not timed): batch index --s3");
                out.flush();
                runs.batch("warm-up");
                List<QueueComparison.Run> rows = measure(runs, sqs, stored, expected);
                QueueComparison comparison =
                        new QueueComparison(files.files().size(), events, expected, settings.cores(), IDLE_EXIT, rows);
                out.println(comparison.render());
                out.flush();
                return Optional.of(comparison);
            } finally {
                indices.deleteIndices();
                deleteIndex(rest, STATE_INDEX);
                deleteIndex(rest, ESTATE_INDEX);
            }
        } finally {
            try {
                client._transport().close();
            } catch (IOException e) {
                out.println("warning: cannot close the Elasticsearch client: " + e.getMessage());
            }
        }
    }

    /** Interleaved rounds: batch, 1 worker, 2 workers ..., then again. */
    private List<QueueComparison.Run> measure(Runs runs, SqsClient sqs, List<StoredObject> stored, long expected) {
        int configurations = workerCounts.size() + 1;
        List<List<Duration>> done = new ArrayList<>();
        List<List<Duration>> ended = new ArrayList<>();
        List<Outcome> best = new ArrayList<>();
        for (int i = 0; i < configurations; i++) {
            done.add(new ArrayList<>());
            ended.add(new ArrayList<>());
            best.add(null);
        }
        for (int round = 1; round <= settings.repeats(); round++) {
            for (int i = 0; i < configurations; i++) {
                String label = "r" + round + "-" + (i == 0 ? "batch" : "w" + workerCounts.get(i - 1));
                Outcome outcome =
                        i == 0 ? runs.batch(label) : runs.workers(label, workerCounts.get(i - 1), sqs, stored);
                done.get(i).add(outcome.done());
                ended.get(i).add(outcome.ended());
                if (best.get(i) == null || outcome.done().compareTo(best.get(i).done()) < 0) {
                    best.set(i, outcome);
                }
                out.printf(
                        "  round %d/%d: %-22s done %7.2f s, ended %7.2f s, indexer CPU %6.2f s, machine busy %6.2f s"
                                + " (files read %d, documents indexed %d, in Elasticsearch %d%s)%n",
                        round,
                        settings.repeats(),
                        name(i),
                        outcome.done().toNanos() / 1e9,
                        outcome.ended().toNanos() / 1e9,
                        outcome.indexerCpu().toNanos() / 1e9,
                        outcome.machineBusySeconds(),
                        outcome.objectsRead(),
                        outcome.documentsIndexed(),
                        outcome.documentsInIndex(),
                        outcome.documentsInIndex() == expected ? "" : ", expected " + expected);
                out.flush();
            }
        }
        List<QueueComparison.Run> rows = new ArrayList<>();
        for (int i = 0; i < configurations; i++) {
            Outcome outcome = best.get(i);
            rows.add(new QueueComparison.Run(
                    name(i),
                    i == 0 ? 1 : workerCounts.get(i - 1),
                    done.get(i),
                    ended.get(i),
                    outcome.objectsRead(),
                    outcome.documentsIndexed(),
                    outcome.documentsInIndex(),
                    outcome.indexerCpu().toNanos() / 1e9,
                    outcome.machineBusySeconds()));
        }
        return rows;
    }

    private String name(int configuration) {
        if (configuration == 0) {
            return "batch index --s3";
        }
        int workers = workerCounts.get(configuration - 1);
        return workers + (workers == 1 ? " worker" : " workers");
    }

    /** What one run did. */
    private record Outcome(
            Duration done,
            Duration ended,
            long objectsRead,
            long documentsIndexed,
            long documentsInIndex,
            Duration indexerCpu,
            double machineBusySeconds) {}

    /** Starts runs of the packaged indexer against the local servers, each into fresh indices and a fresh state. */
    private final class Runs {
        private final IndexerJar jar;
        private final Map<String, String> environment;
        private final LocalServers servers;
        private final FreshIndices indices;
        private final RestClient rest;
        private final ElasticsearchClient client;
        private final ElasticsearchSettings es;

        Runs(
                IndexerJar jar,
                Map<String, String> environment,
                LocalServers servers,
                FreshIndices indices,
                RestClient rest,
                ElasticsearchClient client,
                ElasticsearchSettings es) {
            this.jar = jar;
            this.environment = environment;
            this.servers = servers;
            this.indices = indices;
            this.rest = rest;
            this.client = client;
            this.es = es;
        }

        Outcome batch(String label) {
            prepare();
            List<String> args = new ArrayList<>(List.of("index", "--s3", "s3://" + BUCKET + "/AWSLogs/"));
            args.addAll(common(label + "-p1"));
            OptionalLong busyBefore = MachineCpu.busyTicks();
            long start = System.nanoTime();
            Process process = jar.start(args, environment, logs.resolve(label + "-p1.log"));
            ChildProcesses batch = new ChildProcesses(label, List.of(process), start, RUN_TIMEOUT, logs);
            batch.awaitEnd();
            Duration took = batch.elapsed();
            return outcome(label, batch, took, took, busySince(busyBefore));
        }

        Outcome workers(String label, int count, SqsClient sqs, List<StoredObject> stored) {
            prepare();
            String queue = sqs.createQueue(r -> r.queueName("bench-" + label)
                            .attributes(Map.of(
                                    QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(VISIBILITY.toSeconds()))))
                    .queueUrl();
            try {
                for (List<SendMessageBatchRequestEntry> batch :
                        S3Notifications.batches(BUCKET, stored, Instant.now())) {
                    var sent = sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(batch));
                    if (!sent.failed().isEmpty()) {
                        throw new BenchmarkException("ElasticMQ refused notifications: " + sent.failed());
                    }
                }
                if (depth(sqs, queue) != stored.size()) {
                    throw new BenchmarkException(
                            "the queue holds " + depth(sqs, queue) + " messages, not " + stored.size());
                }
                List<Process> processes = new ArrayList<>();
                OptionalLong busyBefore = MachineCpu.busyTicks();
                long start = System.nanoTime();
                for (int w = 1; w <= count; w++) {
                    List<String> args = new ArrayList<>(List.of(
                            "index",
                            "--sqs-queue-url",
                            queue,
                            "--sqs-endpoint",
                            servers.sqs().toString(),
                            "--idle-exit",
                            IDLE_EXIT.toString()));
                    args.addAll(common(label + "-p" + w));
                    processes.add(jar.start(args, environment, logs.resolve(label + "-p" + w + ".log")));
                }
                ChildProcesses workers = new ChildProcesses(label, processes, start, RUN_TIMEOUT, logs);
                Duration done = null;
                double busyUntilDone = Double.NaN;
                while (workers.anyAlive()) {
                    if (done == null && depth(sqs, queue) == 0) {
                        done = workers.elapsed();
                        busyUntilDone = busySince(busyBefore);
                    }
                    workers.waitAWhile();
                }
                Duration ended = workers.elapsed();
                workers.awaitEnd(); // checks the exit codes
                long left = depth(sqs, queue);
                if (left > 0) {
                    throw new BenchmarkException(label + ": the workers ended with " + left
                            + " messages on the queue; see " + logs.resolve(label + "-p1.log"));
                }
                return done == null
                        ? outcome(label, workers, ended, ended, busySince(busyBefore))
                        : outcome(label, workers, done, ended, busyUntilDone);
            } finally {
                sqs.deleteQueue(r -> r.queueUrl(queue));
            }
        }

        /** Fresh indices, state and estate: every run starts alike. */
        private void prepare() {
            indices.deleteIndices();
            deleteIndex(rest, STATE_INDEX);
            deleteIndex(rest, ESTATE_INDEX);
            new EstateIndex(client, indices.names().pattern(), ESTATE_INDEX).install();
        }

        private List<String> common(String process) {
            List<String> args = new ArrayList<>(List.of(
                    "--s3-endpoint",
                    servers.s3().toString(),
                    "--s3-path-style",
                    "--index-prefix",
                    PREFIX,
                    "--state-index",
                    STATE_INDEX,
                    "--estate-index",
                    ESTATE_INDEX,
                    "--concurrency",
                    Integer.toString(settings.cores()),
                    "--dead-letter",
                    logs.resolve("dead-letter-" + process + ".ndjson").toString(),
                    "--summary-json",
                    summary(process).toString(),
                    "--quiet"));
            args.addAll(IndexerJar.elasticsearchArguments(es));
            return args;
        }

        private Outcome outcome(
                String label, ChildProcesses processes, Duration done, Duration ended, double machineBusySeconds) {
            long read = 0;
            long indexed = 0;
            for (int p = 1; p <= processes.count(); p++) {
                JsonNode summary = readSummary(label + "-p" + p);
                read += summary.path("files").path("read").asLong();
                indexed += summary.path("events").path("indexed").asLong();
                long deadLettered = summary.path("events").path("dead_lettered").asLong();
                if (deadLettered > 0) {
                    throw new BenchmarkException(label + ": " + deadLettered + " records dead-lettered; see "
                            + logs.resolve("dead-letter-" + label + "-p" + p + ".ndjson"));
                }
            }
            return new Outcome(done, ended, read, indexed, indices.count(), processes.cpu(), machineBusySeconds);
        }
    }

    private Path summary(String process) {
        return logs.resolve("summary-" + process + ".json");
    }

    private JsonNode readSummary(String process) {
        try {
            return MAPPER.readTree(Files.readString(summary(process)));
        } catch (IOException e) {
            throw new BenchmarkException("no summary from " + process + ": " + e.getMessage(), e);
        }
    }

    /** The machine's busy CPU seconds since {@code before}; NaN where it cannot be read. */
    private static double busySince(OptionalLong before) {
        OptionalLong now = MachineCpu.busyTicks();
        if (before.isEmpty() || now.isEmpty()) {
            return Double.NaN;
        }
        return (now.getAsLong() - before.getAsLong()) / MachineCpu.TICKS_PER_SECOND;
    }

    /** Messages on the queue, visible or in flight: 0 once every one was deleted. */
    private static long depth(SqsClient sqs, String queue) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queue)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /**
     * The first {@code count} log files of a corpus (in path order), as a corpus of their own: hard links (copies where
     * links cannot be made) in the same layout, in a folder next to it that later runs reuse.
     */
    private CorpusFiles firstFiles(Path corpus, int count) {
        CorpusFiles all = CorpusFiles.of(corpus);
        if (all.files().size() < count) {
            throw new BenchmarkException(
                    "the corpus " + corpus + " holds only " + all.files().size() + " log files");
        }
        Path folder = corpus.resolveSibling(corpus.getFileName() + "-first" + count);
        if (Files.isDirectory(folder)) {
            return CorpusFiles.of(folder);
        }
        Path partial = corpus.resolveSibling(folder.getFileName() + ".partial");
        try {
            for (Path file : all.files().subList(0, count)) {
                Path copy = partial.resolve(corpus.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                if (!Files.exists(copy)) {
                    try {
                        Files.createLink(copy, file);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(file, copy);
                    }
                }
            }
            Files.move(partial, folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + folder, e);
        }
        return CorpusFiles.of(folder);
    }

    /** Events in the files, all of them (the dry run counts only the Monitron ones it keeps). */
    private long countEvents(CorpusFiles files) {
        return new IndexerScan(files, settings.cores(), EventFilter.allEvents(), "all events").run();
    }

    /** Puts every file into the bucket under its path in the corpus (the trail layout), straight to S3Proxy. */
    private List<StoredObject> upload(LocalServers servers, CorpusFiles files) {
        out.printf(
                "  uploading %d objects to s3://%s (not timed) ...%n",
                files.files().size(), BUCKET);
        out.flush();
        List<StoredObject> stored = new ArrayList<>();
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(servers.s3Direct())
                .forcePathStyle(true)
                .region(Region.US_EAST_1) // no location constraint: S3Proxy's in-memory store takes none
                // S3Proxy rejects the SDK's default flexible checksums (as AwsClients knows for S3-compatible stores)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(credentials(servers))
                .build()) {
            s3.createBucket(r -> r.bucket(BUCKET));
            for (Path file : files.files()) {
                String key = files.root().relativize(file).toString().replace('\\', '/');
                String eTag = s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromFile(file))
                        .eTag();
                stored.add(new StoredObject(key, file.toFile().length(), eTag.replace("\"", "")));
            }
        }
        return stored;
    }

    private static SqsClient sqsClient(LocalServers servers) {
        return SqsClient.builder()
                .endpointOverride(servers.sqs())
                .region(Region.EU_WEST_1)
                .credentialsProvider(credentials(servers))
                .build();
    }

    private static StaticCredentialsProvider credentials(LocalServers servers) {
        List<String> keys = servers.s3Credentials();
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.get(0), keys.get(1)));
    }

    private static void deleteIndex(RestClient rest, String index) {
        try {
            Request delete = new Request("DELETE", "/" + index);
            delete.addParameter("ignore_unavailable", "true");
            rest.performRequest(delete);
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() != 404) {
                throw new BenchmarkException("cannot delete the index " + index + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new BenchmarkException("cannot delete the index " + index + ": " + e.getMessage(), e);
        }
    }
}
