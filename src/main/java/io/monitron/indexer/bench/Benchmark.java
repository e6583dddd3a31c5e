package io.monitron.indexer.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.parse.StreamingEventReader;
import io.monitron.indexer.pipeline.IndexRun;
import io.monitron.indexer.sink.DeadLetterFile;
import io.monitron.indexer.sink.ElasticsearchClients;
import io.monitron.indexer.sink.ElasticsearchSink;
import io.monitron.indexer.sink.IndexNames;
import io.monitron.indexer.sink.NdjsonFileSink;
import io.monitron.indexer.source.LocalFileSource;
import io.monitron.indexer.transform.CloudTrailTransformer;
import io.monitron.indexer.transform.EventFilter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.elasticsearch.client.RestClient;

/**
 * The three parts of issue 7, each measured side by side in one run on the same corpus and the same number of threads,
 * printed as tables and collected into one JSON report.
 */
public final class Benchmark {
    /** What the user asked for; see the {@code benchmark} command for each option's meaning. */
    public record Settings(
            Path workDir,
            long scanEvents,
            List<Double> scanShares,
            long seed,
            int cores,
            int repeats,
            boolean skipJq,
            long endToEndEvents,
            List<Long> memoryEvents,
            String memoryHeap,
            long coldEvents,
            long coldEndToEndEvents,
            Optional<ElasticsearchSettings> elasticsearch) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Settings settings;
    private final PrintWriter out;
    private final ObjectNode report = MAPPER.createObjectNode();

    public Benchmark(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
        report.set("machine", Machine.describe(MAPPER));
        ObjectNode params = report.putObject("settings");
        params.put("cores", settings.cores());
        params.put("repeats", settings.repeats());
        params.put("figure", "best of repeats (median also given)");
        params.put("seed", settings.seed());
        params.put(
                "jvm",
                String.join(
                        " ",
                        java.lang.management.ManagementFactory.getRuntimeMXBean()
                                .getInputArguments()));
    }

    public ObjectNode report() {
        return report;
    }

    /** Part 1: for each share, the indexer's dry run against gunzip only, zcat and zcat | jq. */
    public List<Comparison> scan() {
        List<Comparison> comparisons = new ArrayList<>();
        ArrayNode json = report.putArray("scan");
        for (double share : settings.scanShares()) {
            Corpus corpus = new Corpus(settings.scanEvents(), share, settings.seed());
            CorpusFiles files = CorpusFiles.of(corpus.materialize(settings.workDir(), out));
            int n = settings.cores();
            List<Contender> contenders = new ArrayList<>();
            DecompressOnly floor = new DecompressOnly(files, n);
            IndexerScan indexer = new IndexerScan(files, n, EventFilter.monitronOnly(), "indexer --dry-run");
            contenders.add(floor);
            contenders.add(indexer);
            List<Target> targets = new ArrayList<>();
            targets.add(new Target(indexer.name(), floor.name(), share <= 0.0005 ? 1.2 : 1.5));
            if (ShellPipeline.find("zcat").isPresent()) {
                contenders.add(ShellPipeline.zcat(files, n));
            }
            if (settings.skipJq()) {
                out.println("zcat | jq: skipped (--skip-jq)");
            } else if (ShellPipeline.find("jq").isEmpty()) {
                out.println("zcat | jq: skipped, jq is not installed (apt-get install jq)");
            } else {
                ShellPipeline jq = ShellPipeline.zcatJq(files, n, EventFilter.MONITRON_SOURCE);
                contenders.add(jq);
                targets.add(new Target(indexer.name(), jq.name(), 0.2));
            }
            out.printf(
                    "Scan, %s: %d log files, %d MB gzipped, %d threads each%n",
                    corpus.describe(), files.files().size(), files.compressedBytes() >> 20, n);
            out.flush();
            List<Timing> timings = new Rounds(settings.repeats(), true, out).measure(contenders);
            Comparison comparison =
                    new Comparison("Scan, " + corpus.share() + " Monitron", settings.scanEvents(), timings, targets);
            out.println(comparison.render());
            out.flush();
            comparisons.add(comparison);
            json.add(scanEntry(comparison, corpus, files));
        }
        return comparisons;
    }

    /** A scan comparison in the JSON report, with the corpus it ran on. */
    static ObjectNode scanEntry(Comparison comparison, Corpus corpus, CorpusFiles files) {
        ObjectNode entry = comparison.toJson(MAPPER);
        entry.put("corpus", corpus.describe());
        entry.put("compressedBytes", files.compressedBytes());
        entry.put("logFiles", files.files().size());
        return entry;
    }

    /** Part 2: the indexer with --all-events into Elasticsearch against raw _bulk of its own documents. */
    public Optional<Comparison> endToEnd() {
        if (settings.elasticsearch().isEmpty()) {
            out.println("End to end: skipped (no --es-url; bench/start-elasticsearch.sh starts a local node)");
            report.put("endToEnd", "skipped: no --es-url");
            return Optional.empty();
        }
        ElasticsearchSettings es = settings.elasticsearch().get();
        Corpus corpus =
                new Corpus(settings.endToEndEvents(), settings.scanShares().get(0), settings.seed());
        CorpusFiles files = CorpusFiles.of(corpus.materialize(settings.workDir(), out));
        ElasticsearchClient client = ElasticsearchClients.create(es);
        RestClient rest = ElasticsearchClients.restClient(client);
        try {
            ElasticsearchSink.BulkSettings bulk = ElasticsearchSink.BulkSettings.DEFAULT;
            FreshIndices indexerIndices = new FreshIndices(client, rest, new IndexNames("bench-indexer"));
            FreshIndices floorIndices = new FreshIndices(client, rest, new IndexNames("bench-floor"));
            indexerIndices.prepare();
            floorIndices.prepare();
            out.printf("End to end, %s: serializing the documents for the floor (not timed) ...%n", corpus.describe());
            out.flush();
            List<BulkBodies.Body> bodies = serializedDocuments(settings.workDir(), files, bulk, settings.cores(), null);
            long documents =
                    bodies.stream().mapToLong(BulkBodies.Body::documents).sum();
            out.printf(
                    "  %d documents in %d bodies (at most %d documents / %d MB), %d requests in flight%n",
                    documents, bodies.size(), bulk.maxActions(), bulk.maxBytes() >> 20, bulk.maxConcurrentRequests());
            List<Contender> contenders = List.of(
                    new RawBulkFloor(rest, bodies, bulk.maxConcurrentRequests(), floorIndices),
                    new IndexerIntoElasticsearch(
                            client,
                            files,
                            settings.cores(),
                            bulk,
                            indexerIndices,
                            settings.workDir().resolve("bench-dead-letter.ndjson")));
            // what the last runs left: both must have written every document
            List<Timing> timings = new Rounds(settings.repeats(), true, out).measure(contenders);
            long inFloor = floorIndices.count();
            long inIndexer = indexerIndices.count();
            out.printf("  documents in Elasticsearch after the last runs: floor %d, indexer %d%n", inFloor, inIndexer);
            Comparison comparison = new Comparison(
                    "End to end, --all-events",
                    settings.endToEndEvents(),
                    timings,
                    List.of(new Target(
                            contenders.get(1).name(), contenders.get(0).name(), 1.2)));
            out.println(comparison.render());
            out.flush();
            ObjectNode entry = comparison.toJson(MAPPER);
            entry.put("corpus", corpus.describe());
            entry.put("documentsInFloorIndices", inFloor);
            entry.put("documentsInIndexerIndices", inIndexer);
            report.set("endToEnd", entry);
            floorIndices.deleteIndices();
            indexerIndices.deleteIndices();
            return Optional.of(comparison);
        } finally {
            try {
                client._transport().close();
            } catch (IOException e) {
                out.println("warning: cannot close the Elasticsearch client: " + e.getMessage());
            }
        }
    }

    /**
     * The indexer's own --output of the corpus, cut into bulk bodies for the floor's prefix ({@code bench-floor}, or
     * {@code indexPrefix} when not null).
     */
    static List<BulkBodies.Body> serializedDocuments(
            Path workDir, CorpusFiles files, ElasticsearchSink.BulkSettings bulk, int cores, String indexPrefix) {
        Path ndjson = workDir.resolve("bench-documents.ndjson");
        Clock clock = Clock.systemUTC();
        try (DeadLetterFile deadLetters = new DeadLetterFile(workDir.resolve("bench-dead-letter.ndjson"), clock);
                java.io.Writer stream = Files.newBufferedWriter(ndjson, StandardCharsets.UTF_8)) {
            IndexRun.reading(new LocalFileSource(List.of(files.root())))
                    .with(new StreamingEventReader(), EventFilter.allEvents(), new CloudTrailTransformer(true, clock))
                    .into(new NdjsonFileSink(stream, new IndexNames("bench-floor"), false), deadLetters)
                    .concurrency(cores)
                    .build()
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + ndjson, e);
        }
        try (Reader reader = Files.newBufferedReader(ndjson, StandardCharsets.UTF_8)) {
            return BulkBodies.read(reader, bulk.maxActions(), bulk.maxBytes(), indexPrefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ndjson, e);
        } finally {
            try {
                Files.deleteIfExists(ndjson);
            } catch (IOException e) {
                // a scratch file in the work folder, overwritten next time
            }
        }
    }

    /** Parts cold-scan and cold-e2e: whole new processes, as users run the tool (see {@link ColdParts}). */
    public List<Comparison> coldScan() {
        return new ColdParts(settings, out, report).scan();
    }

    public Optional<Comparison> coldEndToEnd() {
        return new ColdParts(settings, out, report).endToEnd();
    }

    /** A connection to the benchmark's cluster, for preparing and checking indices around contenders. */
    static final class Cluster implements AutoCloseable {
        private final ElasticsearchClient client;
        private final RestClient rest;

        private Cluster(ElasticsearchClient client) {
            this.client = client;
            this.rest = ElasticsearchClients.restClient(client);
        }

        static Cluster open(ElasticsearchSettings es) {
            return new Cluster(ElasticsearchClients.create(es));
        }

        FreshIndices indices(String prefix) {
            return new FreshIndices(client, rest, new IndexNames(prefix));
        }

        void deleteIndex(String name) {
            try {
                org.elasticsearch.client.Request delete = new org.elasticsearch.client.Request("DELETE", "/" + name);
                delete.addParameter("ignore_unavailable", "true");
                rest.performRequest(delete);
            } catch (IOException e) {
                throw new BenchmarkException("cannot delete the index " + name + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                client._transport().close();
            } catch (IOException e) {
                // the benchmark ends with it
            }
        }
    }

    /** Part 3: the indexer in a child JVM with a small heap, dry run and --all-events to /dev/null, per corpus size. */
    public List<MemoryProbe.Figures> memory() {
        List<String> jvm = List.of("-Xmx" + settings.memoryHeap());
        MemoryProbe probe = new MemoryProbe(jvm, settings.workDir());
        List<MemoryProbe.Figures> all = new ArrayList<>();
        Path deadLetter = settings.workDir().resolve("bench-memory-dead-letter.ndjson");
        for (long events : settings.memoryEvents()) {
            Corpus corpus = new Corpus(events, settings.scanShares().get(0), settings.seed());
            Path folder = corpus.materialize(settings.workDir(), out);
            List<String> common = List.of(
                    "index",
                    "--path",
                    folder.toString(),
                    "--quiet",
                    "--concurrency",
                    Integer.toString(settings.cores()),
                    "--dead-letter",
                    deadLetter.toString());
            List<String> dryRun = new ArrayList<>(common);
            dryRun.add("--dry-run");
            List<String> allEvents = new ArrayList<>(common);
            allEvents.addAll(List.of("--all-events", "--output", "/dev/null"));
            for (var run : List.of(List.of("dry-run", dryRun), List.of("all-events-output", allEvents))) {
                String label = run.get(0) + "-" + events;
                out.printf("Memory: %s (java %s) ...%n", label, String.join(" ", jvm));
                out.flush();
                @SuppressWarnings("unchecked")
                MemoryProbe.Figures figures = probe.run(label, events, (List<String>) run.get(1));
                if (figures.exitCode() != 0) {
                    throw new BenchmarkException("the indexer exited with " + figures.exitCode() + " in " + label
                            + "; see " + settings.workDir() + "/stderr-gc-" + label + ".log");
                }
                all.add(figures);
            }
        }
        out.println(renderMemory(all, settings.memoryHeap()));
        out.flush();
        ArrayNode json = report.putArray("memory");
        for (MemoryProbe.Figures f : all) {
            ObjectNode row = json.addObject();
            row.put("run", f.label());
            row.put("events", f.events());
            row.put("jvm", String.join(" ", jvm));
            row.put("seconds", f.elapsed().toNanos() / 1e9);
            row.put("peakRssBytes", f.peakRssBytes());
            row.put("peakHeapUsedBytes", f.heap().peakUsedBytes());
            row.put("peakHeapAfterGcBytes", f.heap().peakRetainedBytes());
            row.put("collections", f.heap().collections());
        }
        return all;
    }

    /** Part s3: the trail read from S3 with added network latency, in fresh processes ({@link S3Part}). */
    public void s3(long events, long latencyMillis) {
        report.set(
                "s3",
                new S3Part(
                                new S3Part.Settings(
                                        settings.workDir(),
                                        events,
                                        settings.scanShares().get(0),
                                        settings.seed(),
                                        settings.cores(),
                                        settings.repeats(),
                                        latencyMillis),
                                out)
                        .run());
    }

    /** Part geoip: what --geoip-db costs per event, in fresh indexer processes ({@link GeoIpPart}). */
    public void geoIp(GeoIpPart.Settings geoIp) {
        report.set("geoip", new GeoIpPart(geoIp, out).run());
    }

    /**
     * Part 4: 1, 2, 4 ... worker processes on one SQS queue against one batch {@code index --s3} run over the same
     * objects ({@link SqsWorkersPart}); skipped without Elasticsearch.
     */
    public Optional<QueueComparison> sqsWorkers(int objects, List<Integer> workers) {
        Optional<QueueComparison> comparison = new SqsWorkersPart(settings, objects, workers, out).run();
        if (comparison.isPresent()) {
            report.set("sqs", comparison.get().toJson(MAPPER));
        } else {
            report.put("sqs", "skipped: no --es-url");
        }
        return comparison;
    }

    static String renderMemory(List<MemoryProbe.Figures> figures, String heap) {
        StringBuilder text = new StringBuilder("== Memory (-Xmx" + heap + ", child JVM) ==\n");
        text.append(String.format(
                Locale.ROOT,
                "%-30s %10s %9s %12s %14s %16s %5s%n",
                "run",
                "events",
                "seconds",
                "peak RSS MB",
                "peak heap MB",
                "after-GC max MB",
                "GCs"));
        for (MemoryProbe.Figures f : figures) {
            text.append(String.format(
                    Locale.ROOT,
                    "%-30s %10d %9.2f %12.1f %14.1f %16.1f %5d%n",
                    f.label(),
                    f.events(),
                    f.elapsed().toNanos() / 1e9,
                    f.peakRssBytes() / 1048576.0,
                    f.heap().peakUsedBytes() / 1048576.0,
                    f.heap().peakRetainedBytes() / 1048576.0,
                    f.heap().collections()));
        }
        return text.toString();
    }
}
