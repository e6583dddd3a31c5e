package io.monitron.indexer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Part {@code s3}: the trail read from S3 across a network, as users run it. S3Proxy (in a child JVM, see {@link
 * LocalServers}) holds the corpus; a delay line in front of it adds {@code --s3-latency-ms} to every request (and one
 * more round trip to every new connection). Every run is a new process through the launcher, a dry run with the
 * default settings: the same objects read from disk (the CPU floor), from S3 without the added latency (the time
 * floor), from S3 with it, with it and more downloads in flight, and with it under {@code -Xmx256m}.
 */
final class S3Part {
    static final String BUCKET = "bench-trail";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What the part needs; see the benchmark command's options. */
    record Settings(Path workDir, long events, double share, long seed, int cores, int repeats, long latencyMillis) {}

    private final Settings settings;
    private final PrintWriter out;
    private final Launcher launcher;

    S3Part(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
        this.launcher = Launcher.find();
    }

    ObjectNode run() {
        Corpus corpus = new Corpus(settings.events(), settings.share(), settings.seed());
        Path root = corpus.materialize(settings.workDir(), out);
        CorpusFiles files = CorpusFiles.of(root);
        try (LocalServers servers = LocalServers.start(false, settings.latencyMillis(), settings.workDir())) {
            int uploaded = upload(servers, root);
            out.printf(
                    "S3, %s: %d objects in S3Proxy (%d trail log files), %d ms added to every request; every run a new"
                            + " process (the launcher), --dry-run, --concurrency %d%n",
                    corpus.describe(), uploaded, files.files().size(), settings.latencyMillis(), settings.cores());
            out.flush();
            Path cache = launcher.freshCache(settings.workDir(), "s3");
            List<String> common = List.of(
                    "--dry-run",
                    "--quiet",
                    "--concurrency",
                    Integer.toString(settings.cores()),
                    "--dead-letter",
                    settings.workDir().resolve("s3-dead-letter").toString());
            Map<String, String> env = new HashMap<>();
            env.put("MCI_CACHE_DIR", cache.toString());
            env.put("AWS_ACCESS_KEY_ID", servers.s3Credentials().get(0));
            env.put("AWS_SECRET_ACCESS_KEY", servers.s3Credentials().get(1));
            env.put("AWS_REGION", "us-east-1");
            List<FreshProcess> contenders = new ArrayList<>();
            FreshProcess disk = dryRun("disk, --path (CPU floor)", List.of("--path", root.toString()), common, env);
            FreshProcess direct = dryRun("S3, no added latency", s3(servers.s3Direct()), common, env);
            FreshProcess latency = dryRun("S3, +" + settings.latencyMillis() + " ms", s3(servers.s3()), common, env);
            List<String> more = new ArrayList<>(s3(servers.s3()));
            more.addAll(List.of("--s3-downloads", "128"));
            FreshProcess moreDownloads =
                    dryRun("S3, +" + settings.latencyMillis() + " ms, --s3-downloads 128", more, common, env);
            Map<String, String> small = new HashMap<>(env);
            small.put("MCI_JAVA_OPTS", "-Xmx256m");
            FreshProcess smallHeap =
                    dryRun("S3, +" + settings.latencyMillis() + " ms, -Xmx256m", s3(servers.s3()), common, small);
            contenders.addAll(List.of(direct, latency, moreDownloads, smallHeap, disk));
            List<Timing> timings = new Rounds(settings.repeats(), true, out).measure(contenders);
            Comparison comparison = new Comparison(
                    "S3 across a network, " + files.files().size() + " objects",
                    settings.events(),
                    timings,
                    List.of(new Target(latency.name(), direct.name(), 1.25)));
            out.println(comparison.render());
            ObjectNode json = comparison.toJson(MAPPER);
            json.put("corpus", corpus.describe());
            json.put("objects", files.files().size());
            json.put("latencyMillis", settings.latencyMillis());
            Timing atLatency = timings.get(1);
            Timing onDisk = timings.get(4);
            double cpuRatio = atLatency.medianCpuSeconds() / onDisk.medianCpuSeconds();
            int objects = files.files().size();
            String perObject = String.format(
                    Locale.ROOT,
                    "  objects/s at %d ms: %.0f (best run); CPU per object: %.2f ms through S3 at %d ms, %.2f ms from"
                            + " disk = %.2fx (target <= 2.00x): %s",
                    settings.latencyMillis(),
                    objects / atLatency.bestSeconds(),
                    atLatency.medianCpuSeconds() * 1000 / objects,
                    settings.latencyMillis(),
                    onDisk.medianCpuSeconds() * 1000 / objects,
                    cpuRatio,
                    cpuRatio <= 2.0 ? "met" : "MISSED");
            out.println(perObject);
            out.flush();
            json.put("objectsPerSecondAtLatency", objects / atLatency.bestSeconds());
            json.put("cpuRatioToDisk", cpuRatio);
            json.put("cpuTargetMet", cpuRatio <= 2.0);
            return json;
        }
    }

    private List<String> s3(URI endpoint) {
        return List.of("--s3", "s3://" + BUCKET + "/AWSLogs/", "--s3-endpoint", endpoint.toString(), "--s3-path-style");
    }

    private FreshProcess dryRun(String name, List<String> input, List<String> common, Map<String, String> env) {
        Path summary = settings.workDir().resolve("s3-summary-" + name.replaceAll("[^A-Za-z0-9]+", "-") + ".json");
        List<String> args = new ArrayList<>(List.of("index"));
        args.addAll(input);
        args.addAll(common);
        args.addAll(List.of("--summary-json", summary.toString()));
        return new FreshProcess(
                name,
                launcher.command(args),
                env,
                Optional.empty(),
                settings.workDir(),
                stdout -> ColdParts.summaryCount(summary, "matched"),
                () -> {});
    }

    /** Every file of the corpus folder (log files and digests, as in a real bucket), under its relative path. */
    private static int upload(LocalServers servers, Path root) {
        List<String> keys = new ArrayList<>();
        try (S3Client s3 = S3Client.builder()
                        .endpointOverride(servers.s3Direct())
                        .forcePathStyle(true)
                        // S3Proxy does not check the SDK's default trailing checksums (it refuses the upload)
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                servers.s3Credentials().get(0),
                                servers.s3Credentials().get(1))))
                        .build();
                Stream<Path> walk = Files.walk(root)) {
            s3.createBucket(b -> b.bucket(BUCKET));
            List<Path> all = walk.filter(Files::isRegularFile).sorted().toList();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> puts = new ArrayList<>();
                for (Path file : all) {
                    String key = root.relativize(file).toString().replace('\\', '/');
                    keys.add(key);
                    puts.add(pool.submit(
                            () -> s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(file))));
                }
                for (Future<?> put : puts) {
                    put.get();
                }
            } finally {
                pool.shutdownNow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the corpus " + root, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted while uploading the corpus");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new BenchmarkException(
                    "cannot upload the corpus to S3Proxy: " + e.getCause().getMessage(), e);
        }
        return keys.size();
    }
}
