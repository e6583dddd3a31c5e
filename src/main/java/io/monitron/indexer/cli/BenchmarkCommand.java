package io.monitron.indexer.cli;

import io.monitron.indexer.bench.Benchmark;
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
                    + " against raw _bulk of the same documents), memory (peak heap and RSS under -Xmx256m) and, when"
                    + " asked, sqs (worker processes on one SQS queue against one batch --s3 run over the same"
                    + " objects, on local S3Proxy and ElasticMQ).",
            "Corpora are generated into --work on first use and reused. Times are the best of --repeat runs,"
                    + " taken in interleaved rounds after a warm-up round; medians are printed too.",
            "Exit codes: 0 measured (targets met or not: read the tables); 1 a contender failed; 2 invalid usage."
        })
final class BenchmarkCommand implements Callable<Integer> {
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
            paramLabel = "scan|e2e|memory|sqs",
            description = "Parts to run (default: scan,e2e,memory; e2e and sqs need --es-url, sqs a ./mvnw package"
                    + " build).",
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
        unknown.removeAll(List.of("scan", "e2e", "memory", "sqs"));
        if (!unknown.isEmpty()) {
            throw new ConfigException("--parts takes scan, e2e, memory and sqs, not " + unknown);
        }
        if (sqsObjects < 1 || sqsWorkers.isEmpty() || sqsWorkers.stream().anyMatch(w -> w < 1)) {
            throw new ConfigException("--sqs-objects and every --sqs-workers count must be at least 1");
        }
        if (cores < 1 || repeat < 1 || events < 1 || endToEndEvents < 1) {
            throw new ConfigException("--cores, --repeat, --events and --e2e-events must be at least 1");
        }
        if (shares.stream().anyMatch(s -> s <= 0 || s > 1)) {
            throw new ConfigException("--share values must be in (0, 1]: " + shares);
        }
        Optional<ElasticsearchSettings> es = Optional.empty();
        if ((parts.contains("e2e") || parts.contains("sqs"))
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
