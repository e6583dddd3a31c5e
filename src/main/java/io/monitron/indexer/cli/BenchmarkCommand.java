package io.monitron.indexer.cli;

import io.monitron.indexer.bench.Benchmark;
import io.monitron.indexer.bench.GeoIpPart;
import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.config.ElasticsearchSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Measures the indexer against its floors side by side (issue 7); see the README's "Performance". */
@Command(
        name = "benchmark",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measures, in one run and with the same number of threads for every contender: the scan (indexer dry run"
                    + " against gunzip only, zcat and zcat | jq), end to end into Elasticsearch (indexer --all-events"
                    + " against raw _bulk of the same documents) and memory (peak heap and RSS under -Xmx256m).",
            "Run only when named: cold-scan and cold-e2e (every run a new process, as users run it), s3 (S3 with added"
                    + " network latency), sqs (worker processes on one SQS queue against one batch --s3 run over the"
                    + " same objects, on local S3Proxy and ElasticMQ), geoip (what --geoip-db costs per event).",
            "Corpora are generated into --work on first use and reused. Times are the best of --repeat runs,"
                    + " taken in interleaved rounds after a warm-up round; medians are printed too.",
            "Exit codes: 0 measured (targets met or not: read the tables); 1 a contender failed; 2 invalid usage."
        })
final class BenchmarkCommand implements Callable<Integer> {
    private static final List<String> PARTS =
            List.of("scan", "e2e", "memory", "cold-scan", "cold-e2e", "s3", "sqs", "geoip");

    private final Environment env;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description = "Folder for generated corpora and logs (default: ${DEFAULT-VALUE}).",
            defaultValue = "bench-work")
    Path work;

    @Option(
            names = "--parts",
            split = ",",
            paramLabel = "PART",
            description = "Parts to run: scan, e2e, memory (warm, in this JVM or a child JVM), cold-scan, cold-e2e"
                    + " (every run a new process, as users run it), s3 (S3 with added network latency), sqs (worker"
                    + " processes on one queue), geoip (the cost of --geoip-db) (default: ${DEFAULT-VALUE}; e2e,"
                    + " cold-e2e and sqs need --es-url; s3 and sqs a ./mvnw package build; the others run only when"
                    + " named).",
            defaultValue = "scan,e2e,memory")
    List<String> parts;

    @Option(
            names = "--events",
            paramLabel = "N",
            description = "Events in each scan corpus (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000000")
    long events;

    @Option(
            names = "--share",
            split = ",",
            paramLabel = "0..1",
            description = "Monitron shares of the scan corpora, one scan each (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.02,0.0005")
    List<Double> shares;

    @Option(names = "--seed", description = "Generator seed (default: ${DEFAULT-VALUE}).", defaultValue = "7")
    long seed;

    @Option(
            names = "--cores",
            paramLabel = "N",
            description =
                    "Threads for every contender: indexer workers, gunzip threads, xargs -P (default: all cores).")
    int cores = Runtime.getRuntime().availableProcessors();

    @Option(
            names = "--repeat",
            paramLabel = "K",
            description = "Timed runs per contender; the best is used (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int repeat;

    @Option(names = "--skip-jq", description = "Leave out the zcat | jq contender.")
    boolean skipJq;

    @Option(
            names = "--e2e-events",
            paramLabel = "N",
            description = "Events in the end-to-end corpus, all indexed (default: ${DEFAULT-VALUE}).",
            defaultValue = "100000")
    long endToEndEvents;

    @Option(
            names = "--cold-events",
            paramLabel = "N",
            description = "Events in each cold-scan corpus (default: ${DEFAULT-VALUE}).",
            defaultValue = "400000")
    long coldEvents;

    @Option(
            names = "--cold-e2e-events",
            paramLabel = "N",
            description = "Events in the cold-e2e corpus, all indexed (default: ${DEFAULT-VALUE}).",
            defaultValue = "60000")
    long coldEndToEndEvents;

    @Option(
            names = "--s3-events",
            paramLabel = "N",
            description = "Events in the s3 part's corpus, uploaded to S3Proxy (default: ${DEFAULT-VALUE}).",
            defaultValue = "100000")
    long s3Events;

    @Option(
            names = "--s3-latency-ms",
            paramLabel = "MS",
            description = "Round trip added to every S3 request in the s3 part (default: ${DEFAULT-VALUE}).",
            defaultValue = "50")
    long s3LatencyMillis;

    @Option(
            names = "--memory-events",
            split = ",",
            paramLabel = "N",
            description = "Corpus sizes for the memory part (default: ${DEFAULT-VALUE}).",
            defaultValue = "100000,1000000")
    List<Long> memoryEvents;

    @Option(
            names = "--memory-heap",
            paramLabel = "SIZE",
            description = "-Xmx of the child JVM in the memory part (default: ${DEFAULT-VALUE}).",
            defaultValue = "256m")
    String memoryHeap;

    @Option(
            names = "--geoip-events",
            paramLabel = "N",
            description = "Events in the geoip part's corpus (public source addresses; Monitron share: the first"
                    + " --share) (default: ${DEFAULT-VALUE}).",
            defaultValue = "200000")
    long geoIpEvents;

    @Option(
            names = "--sqs-objects",
            paramLabel = "N",
            description =
                    "Trail log files in the sqs part's bucket, one notification each (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000")
    int sqsObjects;

    @Option(
            names = "--sqs-workers",
            split = ",",
            paramLabel = "N",
            description = "Worker process counts for the sqs part, one run each (default: ${DEFAULT-VALUE}).",
            defaultValue = "1,2,4")
    List<Integer> sqsWorkers;

    @Mixin
    ElasticsearchOptions elasticsearch = new ElasticsearchOptions();

    @Option(names = "--report-json", paramLabel = "FILE", description = "Also write every figure as JSON.")
    Path reportJson;

    BenchmarkCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        List<String> unknown = new ArrayList<>(parts);
        unknown.removeAll(PARTS);
        if (!unknown.isEmpty()) {
            throw new ConfigException("--parts takes " + String.join(", ", PARTS) + ", not " + unknown);
        }
        if (sqsObjects < 1 || sqsWorkers.isEmpty() || sqsWorkers.stream().anyMatch(w -> w < 1)) {
            throw new ConfigException("--sqs-objects and every --sqs-workers count must be at least 1");
        }
        if (cores < 1
                || repeat < 1
                || events < 1
                || endToEndEvents < 1
                || coldEvents < 1
                || coldEndToEndEvents < 1
                || geoIpEvents < 1
                || s3Events < 1
                || s3LatencyMillis < 0) {
            throw new ConfigException("--cores, --repeat and every events option must be at least 1");
        }
        if (shares.stream().anyMatch(s -> s <= 0 || s > 1)) {
            throw new ConfigException("--share values must be in (0, 1]: " + shares);
        }
        Optional<ElasticsearchSettings> es = Optional.empty();
        if ((parts.contains("e2e") || parts.contains("cold-e2e") || parts.contains("sqs"))
                && (!elasticsearch.urls.isEmpty() || env.get("ES_URL").isPresent())) {
            es = Optional.of(elasticsearch.settings(env));
        }
        PrintWriter out = spec.commandLine().getOut();
        Benchmark benchmark = new Benchmark(
                new Benchmark.Settings(
                        work,
                        events,
                        shares,
                        seed,
                        cores,
                        repeat,
                        skipJq,
                        endToEndEvents,
                        memoryEvents,
                        memoryHeap,
                        coldEvents,
                        coldEndToEndEvents,
                        es),
                out);
        out.println("benchmark: " + benchmark.report().path("machine").toString());
        out.printf("threads per contender: %d; best of %d timed runs after a warm-up; seed %d%n", cores, repeat, seed);
        out.flush();
        if (parts.contains("scan")) {
            benchmark.scan();
        }
        if (parts.contains("e2e")) {
            benchmark.endToEnd();
        }
        if (parts.contains("memory")) {
            benchmark.memory();
        }
        if (parts.contains("cold-scan")) {
            benchmark.coldScan();
        }
        if (parts.contains("cold-e2e")) {
            benchmark.coldEndToEnd();
        }
        if (parts.contains("s3")) {
            benchmark.s3(s3Events, s3LatencyMillis);
        }
        if (parts.contains("geoip")) {
            benchmark.geoIp(new GeoIpPart.Settings(work, geoIpEvents, shares.get(0), seed, cores, repeat));
        }
        if (parts.contains("sqs")) {
            benchmark.sqsWorkers(sqsObjects, sqsWorkers);
        }
        if (reportJson != null) {
            try {
                Files.writeString(reportJson, benchmark.report().toPrettyString());
            } catch (IOException e) {
                throw new ConfigException("cannot write --report-json " + reportJson + ": " + e.getMessage());
            }
            out.println("report: " + reportJson);
        }
        return ExitCodes.OK;
    }
}
